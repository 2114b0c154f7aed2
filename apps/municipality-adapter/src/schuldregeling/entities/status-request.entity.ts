import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A creditor's StatusRequest, in a Kennisgeving's or a Schuldregeling's conversation, and its answer. */
@Entity({ name: 'status_request' })
export class StatusRequestRecord {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId!: string;

  @Column({ name: 'conversation_type', type: 'text' })
  conversationType!: 'Kennisgeving' | 'BalanceRequest';

  @Column({ name: 'creditor_oin', type: 'text' })
  creditorOin!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ type: 'text', nullable: true })
  question!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** the ProgressUpdate that answered it */
  @Column({ name: 'answer_id', type: 'uuid', nullable: true })
  answerId!: string | null;

  @Column({ name: 'answer_status', type: 'text', nullable: true })
  answerStatus!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}
