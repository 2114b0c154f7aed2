import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, Logger } from '@skp/platform';
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

  async runAll(now = new Date()): Promise<{ overdue: number; purged: number }> {
    try {
      return { overdue: await this.markOverdue(now), purged: await this.purgeBodies(now) };
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'scheduled job failed; next run retries');
      return { overdue: 0, purged: 0 };
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
    const cutoff = new Date(now.getTime() - this.env.RETENTION_DAYS * 86_400_000);
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
}
