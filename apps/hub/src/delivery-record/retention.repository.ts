import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * A resident's HelpRequest the municipality did not admit keeps its body for its own period
 * (HUB_HELP_REQUEST_RETENTION_DAYS, DESIGN §11), not the general one; an admitted one goes by the
 * general rule, as the case it became does.
 */
const NOT_A_HELP_REQUEST_WAITING = `NOT ("type" = 'HelpRequest' AND "conversation_state" IS DISTINCT FROM 'ADMITTED')`;

/**
 * Retention of the record: bodies and dead-letter content go after the retention period; headers,
 * states, events and receipts stay. Each purge is one set-based statement, so several hub
 * instances may run it at once without doing the work twice.
 */
@Injectable()
export class RetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Bodies of messages that reached a final state before `cutoff`. */
  async purgeBodies(now: Date, cutoff: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH purged AS (
         UPDATE "message" SET "raw" = NULL, "purged_at" = $1
         WHERE "raw" IS NOT NULL AND "final_at" <= $2 AND ${NOT_A_HELP_REQUEST_WAITING}
         RETURNING "message_id"
       )
       INSERT INTO "message_event" ("message_id", "at", "kind", "cause")
       SELECT "message_id", $1, 'BODY_PURGED', 'retention' FROM purged
       RETURNING "id"`,
      [now, cutoff],
    );
    return rows.length;
  }

  /**
   * A message that never reaches a final state (a Kennisgeving nobody answers stays OVERDUE) loses
   * its body when its answer deadline (or its receipt, without one) lies before `cutoff`.
   */
  async purgeUnansweredBodies(now: Date, cutoff: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH purged AS (
         UPDATE "message" SET "raw" = NULL, "purged_at" = $1
         WHERE "raw" IS NOT NULL AND "final_at" IS NULL AND COALESCE("deadline_at", "received_at") <= $2
           AND ${NOT_A_HELP_REQUEST_WAITING}
         RETURNING "message_id", "state"
       )
       INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail")
       SELECT "message_id", $1, 'BODY_PURGED', 'retention',
              jsonb_build_object('unanswered', true, 'state', "state") FROM purged
       RETURNING "id"`,
      [now, cutoff],
    );
    return rows.length;
  }

  /** Bodies of HelpRequests not admitted (whatever their state) that arrived before `cutoff`. */
  async purgeHelpRequestBodies(now: Date, cutoff: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH purged AS (
         UPDATE "message" SET "raw" = NULL, "purged_at" = $1
         WHERE "type" = 'HelpRequest' AND "raw" IS NOT NULL
           AND "conversation_state" IS DISTINCT FROM 'ADMITTED' AND "received_at" <= $2
         RETURNING "message_id", "state", "conversation_state"
       )
       INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail")
       SELECT "message_id", $1, 'BODY_PURGED', 'retention',
              jsonb_build_object('helpRequest', true, 'state', "state", 'conversationState', "conversation_state")
       FROM purged
       RETURNING "id"`,
      [now, cutoff],
    );
    return rows.length;
  }

  /**
   * Dead-letter content from before `cutoff`: the row stays as evidence, marked purged, and a
   * message the hub knows under that messageId gets the purge in its timeline.
   */
  async purgeDeadLetters(now: Date, cutoff: Date): Promise<number> {
    const rows: Array<{ purged: number }> = await this.dataSource.query(
      `WITH purged AS (
         UPDATE "dead_letter" SET "content" = NULL, "purged_at" = $1
         WHERE "content" IS NOT NULL AND "at" <= $2
         RETURNING "id", "message_id", "queue"
       ), events AS (
         INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail")
         SELECT m."message_id", $1, 'DEAD_LETTER_PURGED', 'retention',
                jsonb_build_object('deadLetter', p."id"::text, 'queue', p."queue")
         FROM purged p JOIN "message" m ON m."message_id"::text = p."message_id"
         RETURNING 1
       )
       SELECT count(*)::int AS "purged" FROM purged`,
      [now, cutoff],
    );
    return rows[0]?.purged ?? 0;
  }
}
