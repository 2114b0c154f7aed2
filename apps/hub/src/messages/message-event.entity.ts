import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageEventKind, MessageState } from './message-state';

/** Append-only timeline entry: never updated, never deleted. */
@Entity({ name: 'message_event' })
export class MessageEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  kind!: MessageEventKind;

  @Column({ type: 'text', nullable: true })
  state!: MessageState | null;

  /** what caused it: a receipt's messageId, an operator, a job; never personal data */
  @Column({ type: 'text', nullable: true })
  cause!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;
}
