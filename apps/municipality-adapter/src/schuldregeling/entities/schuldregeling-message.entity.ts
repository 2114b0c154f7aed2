import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message the municipality sent in a creditor's Schuldregeling conversation, for its receipts. */
@Entity({ name: 'schuldregeling_message' })
export class SchuldregelingMessage {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'text' })
  type!: string;

  /** SENT, ACCEPTED, DELIVERED or REJECTED: the latest receipt, forward only */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
