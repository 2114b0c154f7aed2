import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MessageState } from './message-state';

/** The hub's delivery record of one message: metadata, state and (until retention) the signed text. */
@Entity({ name: 'message' })
export class MessageRecord {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  sender!: string | null;

  @Column({ type: 'text', nullable: true })
  recipient!: string | null;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId!: string | null;

  @Column({ name: 'in_reply_to', type: 'uuid', nullable: true })
  inReplyTo!: string | null;

  @Column({ name: 'header_created_at', type: 'timestamptz', nullable: true })
  headerCreatedAt!: Date | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'text' })
  state!: MessageState;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash!: string | null;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  /** the message exactly as received; null once purged by retention */
  @Column({ type: 'text', nullable: true })
  raw!: string | null;

  /** SHA-256 of the signing certificate (the chain itself travels in the signature's x5c) */
  @Column({ name: 'signer_fingerprint', type: 'text', nullable: true })
  signerFingerprint!: string | null;

  @Column({ name: 'routed_at', type: 'timestamptz', nullable: true })
  routedAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'final_at', type: 'timestamptz', nullable: true })
  finalAt!: Date | null;

  /** the requested pause of a Kennisgeving: dates only, no personal data */
  @Column({ name: 'pause_start', type: 'date', nullable: true })
  pauseStart!: string | null;

  @Column({ name: 'pause_end', type: 'date', nullable: true })
  pauseEnd!: string | null;

  @Column({ name: 'paused_until', type: 'date', nullable: true })
  pausedUntil!: string | null;

  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason!: string | null;

  /** the hub's own signed ACCEPTED/REJECTED receipt, sent again for a duplicate */
  @Column({ name: 'receipt_raw', type: 'text', nullable: true })
  receiptRaw!: string | null;

  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}
