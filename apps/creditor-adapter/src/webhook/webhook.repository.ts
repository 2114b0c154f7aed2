import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { WebhookDelivery } from './webhook-delivery.entity';

export interface ClaimedDelivery {
  id: string;
  messageId: string;
  attempts: number;
}

@Injectable()
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Added in the transaction that stores the message, so a stored message is always forwarded. */
  async enqueue(manager: EntityManager, messageId: string): Promise<void> {
    await manager.query(
      `INSERT INTO "webhook_delivery" ("message_id") VALUES ($1) ON CONFLICT ("message_id") DO NOTHING`,
      [messageId],
    );
  }

  /**
   * Takes due deliveries for `leaseMs`: they are pushed into the future first, so another
   * process (or this one after a crash) picks them up again only when the lease has run out.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const result: unknown[] = await this.dataSource.query(
      `UPDATE "webhook_delivery" SET "next_attempt_at" = now() + ($2 || ' milliseconds')::interval
       WHERE "id" IN (
         SELECT "id" FROM "webhook_delivery"
         WHERE "delivered_at" IS NULL AND "failed_at" IS NULL AND "next_attempt_at" <= now()
         ORDER BY "next_attempt_at" LIMIT $1 FOR UPDATE SKIP LOCKED)
       RETURNING "id", "message_id", "attempts"`,
      [limit, String(leaseMs)],
    );
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as {
      id: string;
      message_id: string;
      attempts: number;
    }[];
    return rows.map((row) => ({ id: row.id, messageId: row.message_id, attempts: row.attempts }));
  }

  async markDelivered(id: string, attempts: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "webhook_delivery" SET "attempts" = $2, "delivered_at" = now(), "last_error" = NULL WHERE "id" = $1`,
      [id, attempts],
    );
  }

  /** A failed attempt: retried after `retryInMs`, or given up when that is null. */
  async markFailed(id: string, attempts: number, error: string, retryInMs: number | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE "webhook_delivery" SET "attempts" = $2, "last_error" = $3,
         "next_attempt_at" = CASE WHEN $4::bigint IS NULL THEN "next_attempt_at" ELSE now() + ($4::bigint * interval '1 millisecond') END,
         "failed_at" = CASE WHEN $4::bigint IS NULL THEN now() ELSE NULL END
       WHERE "id" = $1`,
      [id, attempts, error.slice(0, 500), retryInMs],
    );
  }

  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM "webhook_delivery" WHERE "delivered_at" IS NULL AND "failed_at" IS NULL`,
    );
    return (row as { n: number }).n;
  }

  findByMessage(messageId: string): Promise<WebhookDelivery | null> {
    return this.dataSource.getRepository(WebhookDelivery).findOneBy({ messageId });
  }
}
