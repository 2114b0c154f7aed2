import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeadLetterTableRow, MessageTableRow } from '../delivery-record/record-tables';

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

/** Reads what an operator redelivery publishes; the delivery record writes the redelivery itself. */
@Injectable()
export class RedeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findMessage(messageId: string): Promise<StoredMessage | null> {
    const rows: Pick<
      MessageTableRow,
      'message_id' | 'type' | 'state' | 'recipient' | 'content_type' | 'raw'
    >[] = await this.dataSource.query(
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
    const rows: Pick<
      DeadLetterTableRow,
      'id' | 'message_id' | 'type' | 'queue' | 'routing_key' | 'content' | 'properties' | 'redelivered_at'
    >[] = await this.dataSource.query(
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
}
