import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CreditorState } from '../creditor-state';

/** One Kennisgeving sent to one creditor of a case, and what became of it. No personal data. */
@Entity({ name: 'kennisgeving' })
@Index('kennisgeving_case_creditor', ['caseReference', 'creditorOin'], { unique: true })
export class KennisgevingRecord {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ name: 'creditor_oin', type: 'text' })
  creditorOin!: string;

  @Column({ type: 'text' })
  variant!: 'PUBLIC' | 'PRIVATE';

  @Column({ type: 'text' })
  state!: CreditorState;

  @Column({ name: 'pause_start', type: 'date' })
  pauseStart!: string;

  @Column({ name: 'pause_end', type: 'date' })
  pauseEnd!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'answer_deadline', type: 'timestamptz' })
  answerDeadline!: Date;

  @Column({ name: 'paused_until', type: 'date', nullable: true })
  pausedUntil!: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: string | null;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
