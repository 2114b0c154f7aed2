import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A broker publish waiting to happen, written in the same transaction as the state it announces. */
@Entity({ name: 'outbox' })
export class OutboxEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  exchange!: string;

  @Column({ name: 'routing_key', type: 'text' })
  routingKey!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ type: 'jsonb' })
  properties!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** DDL shared by every app's own migration that creates its outbox table. */
export const OUTBOX_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "outbox" (
  "id" bigserial PRIMARY KEY,
  "exchange" text NOT NULL,
  "routing_key" text NOT NULL,
  "content" bytea NOT NULL,
  "properties" jsonb NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now()
)`;
