import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseGate, InjectLogger, Logger } from '@skp/platform';
import { DataSource } from 'typeorm';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';

/**
 * Scheduled work on the delivery record. Each run is a single set-based statement, so several
 * hub instances may run the same job at once without doing the work twice.
 */
@Injectable()
export class DeadlineJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly gate: DatabaseGate,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runAll(), this.env.HUB_JOB_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async runAll(now = new Date()): Promise<{ overdue: number; purged: number; deadLetters: number }> {
    try {
      const overdue = await this.markOverdue(now);
      const purged = (await this.purgeBodies(now)) + (await this.purgeUnansweredBodies(now));
      return { overdue, purged, deadLetters: await this.purgeDeadLetters(now) };
    } catch (error) {
      // an outage is logged once by the gate; anything else is this job's own trouble
      if (!(await this.gate.isOutage(error))) {
        this.logger.warn({ err: (error as Error).message }, 'scheduled job failed; next run retries');
      }
      return { overdue: 0, purged: 0, deadLetters: 0 };
    }
  }

  /** Kennisgevingen past their answer deadline (10 Dutch working days by default) become OVERDUE. */
  async markOverdue(now: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH due AS (
         UPDATE "message" SET "state" = 'OVERDUE'
         WHERE "type" = 'Kennisgeving' AND "state" IN ('ROUTED', 'DELIVERED') AND "deadline_at" <= $1
         RETURNING "message_id", "deadline_at"
       )
       INSERT INTO "message_event" ("message_id", "at", "kind", "state", "cause", "detail")
       SELECT "message_id", $1, 'OVERDUE', 'OVERDUE', 'deadline',
              jsonb_build_object('deadlineAt', "deadline_at") FROM due
       RETURNING "id"`,
      [now],
    );
    return rows.length;
  }

  /** Bodies go after the retention period; headers, states, events and receipts stay. */
  async purgeBodies(now: Date): Promise<number> {
    const cutoff = this.cutoff(now);
    const rows: unknown[] = await this.dataSource.query(
      `WITH purged AS (
         UPDATE "message" SET "raw" = NULL, "purged_at" = $1
         WHERE "raw" IS NOT NULL AND "final_at" <= $2
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
   * its body the retention period after its answer deadline (or after receipt, without one).
   */
  async purgeUnansweredBodies(now: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH purged AS (
         UPDATE "message" SET "raw" = NULL, "purged_at" = $1
         WHERE "raw" IS NOT NULL AND "final_at" IS NULL AND COALESCE("deadline_at", "received_at") <= $2
         RETURNING "message_id", "state"
       )
       INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail")
       SELECT "message_id", $1, 'BODY_PURGED', 'retention',
              jsonb_build_object('unanswered', true, 'state', "state") FROM purged
       RETURNING "id"`,
      [now, this.cutoff(now)],
    );
    return rows.length;
  }

  /**
   * Dead-letter content goes after the retention period too: the row stays as evidence, marked
   * purged, and a message the hub knows under that messageId gets the purge in its timeline.
   */
  async purgeDeadLetters(now: Date): Promise<number> {
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
      [now, this.cutoff(now)],
    );
    return rows[0]?.purged ?? 0;
  }

  private cutoff(now: Date): Date {
    return new Date(now.getTime() - this.env.RETENTION_DAYS * 86_400_000);
  }
}
