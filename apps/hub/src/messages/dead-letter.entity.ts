import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message that could not be handled or delivered, kept with its reason so an operator can act. */
@Entity({ name: 'dead_letter' })
export class DeadLetter {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @Column({ type: 'text', nullable: true })
  type!: string | null;

  @Column({ name: 'reason_code', type: 'text' })
  reasonCode!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** the queue it died in (hub inbound or a party queue) */
  @Column({ type: 'text', nullable: true })
  queue!: string | null;

  @Column({ name: 'routing_key', type: 'text', nullable: true })
  routingKey!: string | null;

  @Column({ type: 'bytea', nullable: true })
  content!: Buffer | null;

  @Column({ type: 'jsonb' })
  properties!: Record<string, unknown>;

  @Column({ name: 'redelivered_at', type: 'timestamptz', nullable: true })
  redeliveredAt!: Date | null;

  /** when the retention job removed the content (it may hold personal data) */
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}
