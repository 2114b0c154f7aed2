import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only timeline of one Kennisgeving: receipts, answers, progress updates, deadline. */
@Entity({ name: 'kennisgeving_event' })
export class KennisgevingEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'message_id', type: 'uuid' })
  messageId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  kind!: string;

  /** metadata only (ids, codes, dates): never personal data */
  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;
}
