import { Injectable } from '@nestjs/common';
import { enqueueOutbox, OutgoingMessage } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditRepository, AuditEntry } from '../audit/audit.repository';

/** What a redelivery needs of a stored message; the text goes to the broker, never to the API. */
export interface StoredMessage {
  messageId: string;
  type: string;
  state: string;
  recipient: string | null;
  contentType: string;
  raw: string | null;
}

export interface StoredDeadLetter {
  id: string;
  messageId: string | null;
  type: string | null;
  queue: string | null;
  /** the routing key it was published with: for a hub-inbound dead letter, the sender's OIN */
  routingKey: string | null;
  /** the broker account that first published it, as the broker vouched for it then */
  publisherUserId: string | null;
  contentType: string | null;
  content: Buffer | null;
  redeliveredAt: Date | null;
}

/** Writes of operator redeliveries: outbox row, timeline event and audit entry in one transaction. */
@Injectable()
export class RedeliveryRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  async findMessage(messageId: string): Promise<StoredMessage | null> {
    const rows: {
      message_id: string;
      type: string;
      state: string;
      recipient: string | null;
      content_type: string;
      raw: string | null;
    }[] = await this.dataSource.query(
      `SELECT "message_id", "type", "state", "recipient", "content_type", "raw" FROM "message" WHERE "message_id" = $1`,
      [messageId],
    );
    const r = rows[0];
    return r
      ? {
          messageId: r.message_id,
          type: r.type,
          state: r.state,
          recipient: r.recipient,
          contentType: r.content_type,
          raw: r.raw,
        }
      : null;
  }

  async findDeadLetter(id: string): Promise<StoredDeadLetter | null> {
    const rows: {
      id: string;
      message_id: string | null;
      type: string | null;
      queue: string | null;
      routing_key: string | null;
      content: Buffer | null;
      properties: Record<string, unknown>;
      redelivered_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT "id", "message_id", "type", "queue", "routing_key", "content", "properties", "redelivered_at" FROM "dead_letter" WHERE "id" = $1::bigint`,
      [id],
    );
    const r = rows[0];
    if (!r) {
      return null;
    }
    const contentType = typeof r.properties?.contentType === 'string' ? r.properties.contentType : null;
    return {
      id: String(r.id),
      messageId: r.message_id,
      type: r.type,
      queue: r.queue,
      routingKey: r.routing_key,
      publisherUserId: typeof r.properties?.userId === 'string' ? r.properties.userId : null,
      contentType,
      content: r.content,
      redeliveredAt: r.redelivered_at,
    };
  }

  async redeliverMessage(
    messageId: string,
    publish: OutgoingMessage,
    at: Date,
    by: string,
    detail: Record<string, unknown>,
    audit: AuditEntry,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await enqueueOutbox(manager, [publish]);
      await this.insertEvent(manager, messageId, at, by, detail);
      await this.audit.insert(audit, manager);
    });
  }

  /** Claims the dead letter (first redelivery wins) and publishes it; false when already redelivered. */
  async redeliverDeadLetter(
    deadLetter: StoredDeadLetter,
    publish: OutgoingMessage,
    at: Date,
    by: string,
    detail: Record<string, unknown>,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `UPDATE "dead_letter" SET "redelivered_at" = $2 WHERE "id" = $1::bigint AND "redelivered_at" IS NULL RETURNING "id"`,
        [deadLetter.id, at],
      );
      const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as unknown[];
      if (rows.length === 0) {
        return false;
      }
      await enqueueOutbox(manager, [publish]);
      if (deadLetter.messageId) {
        await manager.query(
          `INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail")
           SELECT "message_id", $2, 'REDELIVERED', $3, $4::jsonb FROM "message" WHERE "message_id"::text = $1`,
          [deadLetter.messageId, at, by, JSON.stringify(detail)],
        );
      }
      await this.audit.insert(audit, manager);
      return true;
    });
  }

  private async insertEvent(
    manager: EntityManager,
    messageId: string,
    at: Date,
    by: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail") VALUES ($1, $2, 'REDELIVERED', $3, $4::jsonb)`,
      [messageId, at, by, JSON.stringify(detail)],
    );
  }
}
