import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MessageEventTableRow, MessageTableRow } from '../delivery-record/record-tables';

export type EvidenceMessageRow = Pick<
  MessageTableRow,
  | 'message_id'
  | 'type'
  | 'state'
  | 'sender'
  | 'recipient'
  | 'conversation_id'
  | 'received_at'
  | 'purged_at'
  | 'content_type'
  | 'raw'
  | 'receipt_raw'
>;

export type EvidenceEventRow = MessageEventTableRow;

/** Reads the signed texts for an evidence bundle: the one place outside routing that reads them. */
@Injectable()
export class EvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findMessage(messageId: string): Promise<EvidenceMessageRow | null> {
    const rows: EvidenceMessageRow[] = await this.dataSource.query(
      `SELECT "message_id", "type", "state", "sender", "recipient", "conversation_id", "received_at", "purged_at",
              "content_type", "raw", "receipt_raw"
       FROM "message" WHERE "message_id" = $1`,
      [messageId],
    );
    return rows[0] ?? null;
  }

  /** Signed replies about the message that the hub accepted (a rejected reply proves nothing). */
  findReplies(messageId: string): Promise<{ message_id: string; content_type: string; raw: string }[]> {
    return this.dataSource.query(
      `SELECT "message_id", "content_type", "raw" FROM "message"
       WHERE "in_reply_to" = $1 AND "state" <> 'REJECTED' AND "raw" IS NOT NULL ORDER BY "received_at", "message_id"`,
      [messageId],
    );
  }

  async findEvents(messageId: string): Promise<EvidenceEventRow[]> {
    const rows: EvidenceEventRow[] = await this.dataSource.query(
      `SELECT "id", "message_id", "at", "kind", "state", "cause", "detail" FROM "message_event" WHERE "message_id" = $1 ORDER BY "id"`,
      [messageId],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }
}
