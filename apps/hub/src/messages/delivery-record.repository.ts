import { Injectable } from '@nestjs/common';
import { enqueueOutbox } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { KnownRecord } from '../inbound/inbound-decider';
import type { Effects, NewEventRow, NewMessageRow, StateMove } from '../inbound/effects';
import { MESSAGE_STATES, movesForward } from './message-state';

const MESSAGE_COLUMNS: [keyof NewMessageRow, string][] = [
  ['messageId', 'message_id'],
  ['type', 'type'],
  ['sender', 'sender'],
  ['recipient', 'recipient'],
  ['conversationId', 'conversation_id'],
  ['inReplyTo', 'in_reply_to'],
  ['headerCreatedAt', 'header_created_at'],
  ['receivedAt', 'received_at'],
  ['state', 'state'],
  ['reasonCode', 'reason_code'],
  ['contentHash', 'content_hash'],
  ['contentType', 'content_type'],
  ['raw', 'raw'],
  ['signerFingerprint', 'signer_fingerprint'],
  ['routedAt', 'routed_at'],
  ['deadlineAt', 'deadline_at'],
  ['finalAt', 'final_at'],
  ['pauseStart', 'pause_start'],
  ['pauseEnd', 'pause_end'],
  ['receiptRaw', 'receipt_raw'],
];

/** States a receipt or an answer may still move a message out of: states only move forward. */
const BEFORE_DELIVERED = MESSAGE_STATES.filter((state) => movesForward(state, 'DELIVERED'));
const BEFORE_ANSWER = MESSAGE_STATES.filter((state) => movesForward(state, 'PAUSED'));

/** Writes the inbound pipeline's decisions: message rows, timeline events, state moves, outbox. */
@Injectable()
export class DeliveryRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findKnown(messageIds: string[]): Promise<Map<string, KnownRecord>> {
    const known = new Map<string, KnownRecord>();
    if (messageIds.length === 0) {
      return known;
    }
    const rows: Record<string, string | null>[] = await this.dataSource.query(
      `SELECT "message_id", "type", "sender", "recipient", "conversation_id", "state", "content_hash", "receipt_raw",
              to_char("pause_start", 'YYYY-MM-DD') AS "pause_start", to_char("pause_end", 'YYYY-MM-DD') AS "pause_end"
       FROM "message" WHERE "message_id" = ANY($1::uuid[])`,
      [messageIds],
    );
    for (const r of rows) {
      known.set(r.message_id as string, {
        messageId: r.message_id as string,
        type: r.type as string,
        sender: r.sender,
        recipient: r.recipient,
        conversationId: r.conversation_id,
        state: r.state as KnownRecord['state'],
        contentHash: r.content_hash,
        receiptRaw: r.receipt_raw,
        pauseStart: r.pause_start,
        pauseEnd: r.pause_end,
      });
    }
    return known;
  }

  /**
   * Applies all effects in one transaction (group commit). Returns, per effect, whether it took
   * effect; an effect whose message row another hub inserted first is dropped whole.
   */
  async apply(all: Effects[]): Promise<boolean[]> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await this.insertMessages(
        manager,
        all.flatMap((e) => (e.insert ? [e.insert] : [])),
      );
      const applied = all.map((e) => !e.insert || inserted.has(e.insert.messageId));
      const kept = all.filter((_, i) => applied[i]);
      await this.insertEvents(
        manager,
        kept.flatMap((e) => e.events),
      );
      for (const move of kept.flatMap((e) => e.moves)) {
        await this.applyMove(manager, move);
      }
      await enqueueOutbox(
        manager,
        kept.flatMap((e) => e.outbox),
      );
      return applied;
    });
  }

  private async insertMessages(manager: EntityManager, rows: NewMessageRow[]): Promise<Set<string>> {
    if (rows.length === 0) {
      return new Set();
    }
    const values: unknown[] = [];
    const tuples = rows.map((row) => {
      const start = values.length;
      for (const [key] of MESSAGE_COLUMNS) {
        values.push(row[key]);
      }
      return `(${MESSAGE_COLUMNS.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    const result: { message_id: string }[] = await manager.query(
      `INSERT INTO "message" (${MESSAGE_COLUMNS.map(([, column]) => `"${column}"`).join(', ')})
       VALUES ${tuples.join(', ')} ON CONFLICT ("message_id") DO NOTHING RETURNING "message_id"`,
      values,
    );
    return new Set(result.map((r) => r.message_id));
  }

  async insertEvents(manager: EntityManager, events: NewEventRow[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const values: unknown[] = [];
    const tuples = events.map((e) => {
      const start = values.length;
      values.push(
        e.messageId,
        e.at,
        e.kind,
        e.state,
        e.cause,
        e.detail === null ? null : JSON.stringify(e.detail),
      );
      return `($${start + 1}, $${start + 2}, $${start + 3}, $${start + 4}, $${start + 5}, $${start + 6}::jsonb)`;
    });
    await manager.query(
      `INSERT INTO "message_event" ("message_id", "at", "kind", "state", "cause", "detail") VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  private async applyMove(manager: EntityManager, move: StateMove): Promise<void> {
    switch (move.kind) {
      case 'delivered':
        await manager.query(
          `UPDATE "message" SET "delivered_at" = COALESCE("delivered_at", $2),
             "state" = CASE WHEN "state" = ANY($3::text[]) THEN 'DELIVERED' ELSE "state" END
           WHERE "message_id" = $1`,
          [move.messageId, move.at, BEFORE_DELIVERED],
        );
        return;
      case 'answered':
        // The first answer decides the state; a later one is on the timeline as its own event.
        await manager.query(
          `UPDATE "message" SET "answered_at" = $2, "final_at" = COALESCE("final_at", $2),
             "paused_until" = $3, "decline_reason" = $4, "state" = $5
           WHERE "message_id" = $1 AND "state" = ANY($6::text[])`,
          [move.messageId, move.at, move.pausedUntil, move.declineReason, move.decision, BEFORE_ANSWER],
        );
        return;
    }
  }
}
