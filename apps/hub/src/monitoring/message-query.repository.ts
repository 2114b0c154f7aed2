import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MessageEventTableRow, MessageTableRow } from '../delivery-record/record-tables';
import type { MessageCursor } from './cursor';

/**
 * Metadata columns of a message: what operators may see. Never `raw`, `signer_fingerprint` or
 * `receipt_raw` — the signed texts carry personal data and leave the hub only in evidence bundles.
 */
const META = `m."message_id", m."type", m."sender", m."recipient", m."conversation_id", m."in_reply_to", m."state", m."reason_code",
  m."header_created_at", m."received_at", m."routed_at", m."delivered_at", m."answered_at", m."deadline_at", m."final_at",
  to_char(m."pause_start", 'YYYY-MM-DD') AS "pause_start", to_char(m."pause_end", 'YYYY-MM-DD') AS "pause_end",
  to_char(m."paused_until", 'YYYY-MM-DD') AS "paused_until", m."decline_reason", m."purged_at", m."content_type",
  m."conversation_state", m."pre_approval", (m."raw" IS NOT NULL) AS "body_stored",
  to_char(m."received_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "received_at_exact"`;

export type MessageMetaRow = Pick<
  MessageTableRow,
  | 'message_id'
  | 'type'
  | 'sender'
  | 'recipient'
  | 'conversation_id'
  | 'in_reply_to'
  | 'state'
  | 'reason_code'
  | 'header_created_at'
  | 'received_at'
  | 'routed_at'
  | 'delivered_at'
  | 'answered_at'
  | 'deadline_at'
  | 'final_at'
  | 'pause_start'
  | 'pause_end'
  | 'paused_until'
  | 'decline_reason'
  | 'purged_at'
  | 'content_type'
  | 'conversation_state'
  | 'pre_approval'
> & { body_stored: boolean; received_at_exact: string };

export type EventRow = Omit<MessageEventTableRow, 'message_id'>;

export interface MessageFilter {
  type?: string;
  state?: string;
  sender?: string;
  recipient?: string;
  conversationId?: string;
  since?: Date;
  until?: Date;
}

/** Read side of the delivery record for the monitoring API: metadata only. */
@Injectable()
export class MessageQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page, newest first. Equality filters plus the (received_at, message_id) row comparison
   * match the composite indexes of the initial migration, so a page costs an index range scan
   * whatever the table size (docs/decisions/0004-message-search-indexes.md).
   */
  async findPage(
    filter: MessageFilter,
    after: MessageCursor | null,
    limit: number,
  ): Promise<MessageMetaRow[]> {
    const { sql, values } = this.pageQuery(filter, after, limit);
    return this.dataSource.query(sql, values);
  }

  /** The SQL and parameters findPage runs, for EXPLAIN in the query-plan test. */
  pageQuery(
    filter: MessageFilter,
    after: MessageCursor | null,
    limit: number,
  ): { sql: string; values: unknown[] } {
    const { sql, values } = whereClause(filter);
    if (after) {
      values.push(after.receivedAt, after.messageId);
      sql.push(
        `(m."received_at", m."message_id") < ($${values.length - 1}::timestamptz, $${values.length}::uuid)`,
      );
    }
    values.push(limit);
    return {
      sql: `SELECT ${META} FROM "message" m ${sql.length ? `WHERE ${sql.join(' AND ')}` : ''}
       ORDER BY m."received_at" DESC, m."message_id" DESC LIMIT $${values.length}`,
      values,
    };
  }

  async findOne(messageId: string): Promise<MessageMetaRow | null> {
    const rows: MessageMetaRow[] = await this.dataSource.query(
      `SELECT ${META} FROM "message" m WHERE m."message_id" = $1`,
      [messageId],
    );
    return rows[0] ?? null;
  }

  async findEvents(messageId: string): Promise<EventRow[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT "id", "at", "kind", "state", "cause", "detail" FROM "message_event" WHERE "message_id" = $1 ORDER BY "id"`,
      [messageId],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  /** Messages that answer this one (receipts, acknowledgements): in_reply_to = id. */
  findReplies(messageId: string): Promise<MessageMetaRow[]> {
    return this.dataSource.query(
      `SELECT ${META} FROM "message" m WHERE m."in_reply_to" = $1 ORDER BY m."received_at", m."message_id" LIMIT 500`,
      [messageId],
    );
  }

  findConversation(conversationId: string): Promise<MessageMetaRow[]> {
    return this.dataSource.query(
      `SELECT ${META} FROM "message" m WHERE m."conversation_id" = $1 ORDER BY m."received_at", m."message_id" LIMIT 500`,
      [conversationId],
    );
  }
}

function whereClause(filter: MessageFilter): { sql: string[]; values: unknown[] } {
  const sql: string[] = [];
  const values: unknown[] = [];
  const add = (column: string, operator: string, value: unknown, cast = ''): void => {
    values.push(value);
    sql.push(`m."${column}" ${operator} $${values.length}${cast}`);
  };
  if (filter.type) {
    add('type', '=', filter.type);
  }
  if (filter.state) {
    add('state', '=', filter.state);
  }
  if (filter.sender) {
    add('sender', '=', filter.sender);
  }
  if (filter.recipient) {
    add('recipient', '=', filter.recipient);
  }
  if (filter.conversationId) {
    add('conversation_id', '=', filter.conversationId, '::uuid');
  }
  if (filter.since) {
    add('received_at', '>=', filter.since, '::timestamptz');
  }
  if (filter.until) {
    add('received_at', '<', filter.until, '::timestamptz');
  }
  return { sql, values };
}
