import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SkpMessage } from '@skp/messages';
import type { AnswerBody } from './answer-rules';

export const INBOX_STATES = ['NEW', 'ANSWERED'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
export type AnsweredBy = 'AUTO' | 'MANUAL';
/** What became of this creditor's answer: sent, then the hub's and the municipality's receipts. */
export const ANSWER_STATUSES = ['SENT', 'ACCEPTED', 'DELIVERED', 'REJECTED'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/**
 * A verified message from this creditor's queue, stored once. Only the messages this creditor
 * answers (Kennisgeving, BalanceRequest, PaymentProposal) have a state.
 */
@Entity({ name: 'inbox_message' })
export class InboxMessage {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  sender!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;

  @Column({ type: 'text', nullable: true })
  state!: InboxState | null;

  @Column({ name: 'case_reference', type: 'text', nullable: true })
  caseReference!: string | null;

  /** the message exactly as signed (its signature still verifies) */
  @Column({ type: 'jsonb' })
  message!: SkpMessage;

  @Column({ name: 'answer_message_id', type: 'uuid', nullable: true })
  answerMessageId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  /** the body of this creditor's answer (its type follows from the entry's, ANSWER_TYPE_OF) */
  answer!: AnswerBody | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'answered_by', type: 'text', nullable: true })
  answeredBy!: AnsweredBy | null;

  @Column({ name: 'answer_status', type: 'text', nullable: true })
  answerStatus!: AnswerStatus | null;

  @Column({ name: 'answer_reason_code', type: 'text', nullable: true })
  answerReasonCode!: string | null;
}
