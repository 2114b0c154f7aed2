import type { Claim } from '@skp/messages';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SchuldregelingCreditorState } from '../schuldregeling-state';
import { CENTS } from './schuldregeling.entity';

/** One creditor of a dossier: its conversation (opened by the BalanceRequest) and where it stands. */
@Entity({ name: 'schuldregeling_creditor' })
@Index('schuldregeling_creditor_case_creditor', ['caseReference', 'creditorOin'], { unique: true })
export class SchuldregelingCreditor {
  /** the BalanceRequest's messageId: also the conversationId of everything with this creditor */
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ name: 'creditor_oin', type: 'text' })
  creditorOin!: string;

  @Column({ type: 'text' })
  variant!: 'PUBLIC' | 'PRIVATE';

  @Column({ type: 'text' })
  state!: SchuldregelingCreditorState;

  /** the hub's reasonCode when it rejected the BalanceRequest */
  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;

  @Column({ name: 'answer_deadline', type: 'timestamptz' })
  answerDeadline!: Date;

  @Column({ name: 'statement_id', type: 'uuid', nullable: true })
  statementId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  claims!: Claim[] | null;

  @Column({ name: 'total_outstanding_cents', type: 'bigint', nullable: true, transformer: CENTS })
  totalOutstandingCents!: number | null;

  @Column({ name: 'pre_approval', type: 'boolean', nullable: true })
  preApproval!: boolean | null;

  @Column({ name: 'payment_reference', type: 'text', nullable: true })
  paymentReference!: string | null;

  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @Column({ name: 'creditor_total_cents', type: 'bigint', nullable: true, transformer: CENTS })
  creditorTotalCents!: number | null;

  @Column({ name: 'offered_amount_cents', type: 'bigint', nullable: true, transformer: CENTS })
  offeredAmountCents!: number | null;

  @Column({ name: 'response_id', type: 'uuid', nullable: true })
  responseId!: string | null;

  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'by_pre_approval', type: 'boolean', nullable: true })
  byPreApproval!: boolean | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
