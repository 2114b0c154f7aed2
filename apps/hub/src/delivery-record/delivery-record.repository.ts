import { Injectable } from '@nestjs/common';
import { ANSWER_DEADLINE_TYPES } from '@skp/messages';
import { EnqueuedPublishes, enqueueOutbox, PublishAfterCommit } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditRepository } from '../audit/audit.repository';
import { conversationStatesBefore } from './conversation-state';
import { statesMovingForwardTo } from './message-state';
import type { MessageTableRow } from './record-tables';
import type { NewMessageRow, RecordChanges, RecordedMessage, Redelivery, StateMove } from './record-rows';
import { referencingStoredPayload } from './stored-payloads';
import { appendEvents } from './timeline';
import { commitStatement, CommittedRow, fitsOneStatement, insertMessagesSql } from './commit-statement';

/** States only move forward: the guard of each state change below, from the one rank table. */
const BEFORE_DELIVERED = statesMovingForwardTo('DELIVERED');
const BEFORE_ANSWER = statesMovingForwardTo('PAUSED');
const BEFORE_OVERDUE = statesMovingForwardTo('OVERDUE');

/** What a group commit did: per change whether it took effect, and what it has to publish now. */
export interface AppliedEffects {
  applied: boolean[];
  publishes: EnqueuedPublishes;
}

type KnownRow = Pick<
  MessageTableRow,
  | 'content_hash'
  | 'conversation_id'
  | 'conversation_state'
  | 'message_id'
  | 'pause_end'
  | 'pause_start'
  | 'receipt_raw'
  | 'recipient'
  | 'sender'
  | 'state'
  | 'type'
>;

/**
 * The one writer of the `message` rows and their timeline: the inbound pipeline's decisions,
 * the deadline job and operator redeliveries. Dead letters and retention have their own writers
 * in this module.
 */
@Injectable()
export class DeliveryRecordRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
    private readonly outbox: PublishAfterCommit,
  ) {}

  async findKnown(messageIds: string[]): Promise<Map<string, RecordedMessage>> {
    const known = new Map<string, RecordedMessage>();
    if (messageIds.length === 0) {
      return known;
    }
    const rows: KnownRow[] = await this.dataSource.query(
      `SELECT "message_id", "type", "sender", "recipient", "conversation_id", "state", "content_hash", "receipt_raw", "conversation_state",
              to_char("pause_start", 'YYYY-MM-DD') AS "pause_start", to_char("pause_end", 'YYYY-MM-DD') AS "pause_end"
       FROM "message" WHERE "message_id" = ANY($1::uuid[])`,
      [messageIds],
    );
    for (const r of rows) {
      known.set(r.message_id, {
        messageId: r.message_id,
        type: r.type,
        sender: r.sender,
        recipient: r.recipient,
        conversationId: r.conversation_id,
        state: r.state,
        contentHash: r.content_hash,
        receiptRaw: r.receipt_raw,
        pauseStart: r.pause_start,
        pauseEnd: r.pause_end,
        conversationState: r.conversation_state,
      });
    }
    return known;
  }

  /**
   * Applies all changes in one transaction (group commit). Returns, per change, whether it took
   * effect (a change whose message row another hub inserted first is dropped whole), and the
   * committed publishes for the caller to hand to `PublishAfterCommit.publish` at once. A forward
   * or receipt whose bytes the new message row holds is written to the outbox as a reference to it.
   */
  async applyEffects(all: RecordChanges[]): Promise<AppliedEffects> {
    if (fitsOneStatement(all)) {
      return this.applyInOneStatement(all);
    }
    let publishes: EnqueuedPublishes | undefined;
    try {
      const applied = await this.dataSource.transaction(async (manager) => {
        const inserted = await this.insertMessages(
          manager,
          all.flatMap((e) => (e.insert ? [e.insert] : [])),
        );
        const applied = all.map((e) => !e.insert || inserted.has(e.insert.messageId));
        const kept = all.filter((_, i) => applied[i]);
        await appendEvents(
          manager,
          kept.flatMap((e) => e.events),
        );
        for (const move of kept.flatMap((e) => e.moves)) {
          await this.applyMove(manager, move);
        }
        publishes = await this.outbox.enqueue(
          manager,
          kept.flatMap((e) => e.outbox.map((publish) => referencingStoredPayload(e.insert, publish))),
        );
        return applied;
      });
      return { applied, publishes: publishes ?? { ids: [], messages: [] } };
    } catch (error) {
      if (publishes) {
        this.outbox.abandon(publishes);
      }
      throw error;
    }
  }

  /** Requests past their answer deadline (Kennisgevingen, BalanceRequests) become OVERDUE; returns how many did. */
  async markOverdue(now: Date): Promise<number> {
    const { sql, values } = markOverdueQuery(now);
    const rows: unknown[] = await this.dataSource.query(sql, values);
    return rows.length;
  }

  /** An operator's redelivery of a message: outbox row, REDELIVERED event and audit entry together. */
  async recordRedelivery(messageId: string, redelivery: Redelivery, audit: AuditEntry): Promise<void> {
    const { publish, at, by, detail } = redelivery;
    await this.dataSource.transaction(async (manager) => {
      await enqueueOutbox(manager, [publish]);
      await appendEvents(manager, [{ messageId, at, kind: 'REDELIVERED', state: null, cause: by, detail }]);
      await this.audit.insert(audit, manager);
    });
  }

  /** `applyEffects` for a batch that moves no earlier message: one statement, one round trip. */
  private async applyInOneStatement(all: RecordChanges[]): Promise<AppliedEffects> {
    const outbox = all.map((e) => e.outbox.map((publish) => referencingStoredPayload(e.insert, publish)));
    const { sql, values } = commitStatement(all, outbox);
    const rows: CommittedRow[] = await this.dataSource.query(sql, values);
    const inserted = new Set(rows.filter((r) => r.kind === 'message').map((r) => r.id));
    const applied = all.map((e) => !e.insert || inserted.has(e.insert.messageId));
    const ids = rows.filter((r) => r.kind === 'outbox').map((r) => r.id);
    return { applied, publishes: this.outbox.adopt(ids, outbox.filter((_, i) => applied[i]).flat()) };
  }

  private async insertMessages(manager: EntityManager, rows: NewMessageRow[]): Promise<Set<string>> {
    if (rows.length === 0) {
      return new Set();
    }
    const values: unknown[] = [];
    const result: Pick<MessageTableRow, 'message_id'>[] = await manager.query(
      insertMessagesSql(rows, values),
      values,
    );
    return new Set(result.map((r) => r.message_id));
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
             "paused_until" = $3, "decline_reason" = $4, "state" = $5, "pre_approval" = $7
           WHERE "message_id" = $1 AND "state" = ANY($6::text[])`,
          [
            move.messageId,
            move.at,
            move.pausedUntil,
            move.declineReason,
            move.decision,
            BEFORE_ANSWER,
            move.preApproval,
          ],
        );
        return;
      case 'conversation':
        // Forward only; the opener's timeline shows the move only when it happened.
        await manager.query(
          `WITH moved AS (
             UPDATE "message" SET "conversation_state" = $3
             WHERE "message_id" = $1 AND "conversation_state" = ANY($4::text[])
             RETURNING "message_id"
           )
           INSERT INTO "message_event" ("message_id", "at", "kind", "state", "cause", "detail")
           SELECT "message_id", $2, 'CONVERSATION', NULL, $5,
                  jsonb_build_object('conversationState', $3::text, 'type', $6::text) FROM moved`,
          [move.messageId, move.at, move.state, conversationStatesBefore(move.state), move.cause, move.type],
        );
        return;
    }
  }
}

/**
 * The overdue scan: every request awaiting its answer (the protocol's answer-deadline types) past
 * its deadline, with its OVERDUE event. The partial index message_open_deadline matches this
 * WHERE clause; exported so a test can EXPLAIN it.
 */
export function markOverdueQuery(now: Date): { sql: string; values: unknown[] } {
  return {
    sql: `WITH due AS (
         UPDATE "message" SET "state" = 'OVERDUE'
         WHERE "type" = ANY($3::text[]) AND "state" = ANY($2::text[]) AND "deadline_at" <= $1
         RETURNING "message_id", "deadline_at"
       )
       INSERT INTO "message_event" ("message_id", "at", "kind", "state", "cause", "detail")
       SELECT "message_id", $1, 'OVERDUE', 'OVERDUE', 'deadline',
              jsonb_build_object('deadlineAt', "deadline_at") FROM due
       RETURNING "id"`,
    values: [now, BEFORE_OVERDUE, ANSWER_DEADLINE_TYPES],
  };
}
