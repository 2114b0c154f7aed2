import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A ProgressUpdate sent in a Kennisgeving's conversation; its receipts land on the Kennisgeving's timeline. */
@Entity({ name: 'progress_update' })
export class ProgressUpdateRecord {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ name: 'kennisgeving_id', type: 'uuid' })
  kennisgevingId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'new_pause_end', type: 'date', nullable: true })
  newPauseEnd!: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;

  /** SENT, ACCEPTED, DELIVERED or REJECTED: the latest receipt, forward only */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
