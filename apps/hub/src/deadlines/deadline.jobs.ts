import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseGate, InjectLogger, Logger } from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { DeliveryRecordRepository } from '../delivery-record/delivery-record.repository';
import { RetentionRepository } from '../delivery-record/retention.repository';
import { HUB_ENV } from '../hub.tokens';

/**
 * Scheduled work on the delivery record: answer deadlines (10 Dutch working days by default), a
 * HelpRequest's first contact (3), and retention (the general one, and a HelpRequest's own). Each step is a single set-based statement of the record, so several hub instances
 * may run the same job at once without doing the work twice.
 */
@Injectable()
export class DeadlineJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly record: DeliveryRecordRepository,
    private readonly retention: RetentionRepository,
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
      const overdue = await this.record.markOverdue(now);
      const cutoff = new Date(now.getTime() - this.env.RETENTION_DAYS * 86_400_000);
      const helpRequestCutoff = new Date(
        now.getTime() - this.env.HUB_HELP_REQUEST_RETENTION_DAYS * 86_400_000,
      );
      const purged =
        (await this.retention.purgeBodies(now, cutoff)) +
        (await this.retention.purgeUnansweredBodies(now, cutoff)) +
        (await this.retention.purgeHelpRequestBodies(now, helpRequestCutoff));
      return { overdue, purged, deadLetters: await this.retention.purgeDeadLetters(now, cutoff) };
    } catch (error) {
      // an outage is logged once by the gate; anything else is this job's own trouble
      if (!(await this.gate.isOutage(error))) {
        this.logger.warn({ err: (error as Error).message }, 'scheduled job failed; next run retries');
      }
      return { overdue: 0, purged: 0, deadLetters: 0 };
    }
  }
}
