import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseGate, InjectLogger, Logger, RepeatingJob } from '@skp/platform';
import type { MunicipalityEnv } from '../config/municipality.env';
import { KennisgevingRepository } from '../kennisgeving/kennisgeving.repository';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV } from '../municipality.tokens';

/**
 * Marks Kennisgevingen OVERDUE once their answer deadline (10 Dutch working days after sending, by
 * default) has passed without an answer. The deadline is fixed when the message is sent.
 */
@Injectable()
export class OverdueJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: RepeatingJob;

  constructor(
    private readonly repository: KennisgevingRepository,
    private readonly metrics: MunicipalityMetrics,
    private readonly gate: DatabaseGate,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new RepeatingJob(env.MUNICIPALITY_JOB_INTERVAL_MS, () => this.markOverdue());
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  async markOverdue(now = new Date()): Promise<number> {
    try {
      const count = await this.repository.markOverdue(now, ['SENT', 'ACCEPTED', 'DELIVERED']);
      if (count > 0) {
        this.metrics.overdue.inc(count);
        this.logger.info({ count }, 'Kennisgevingen overdue');
      }
      return count;
    } catch (error) {
      // an outage is logged once by the gate; anything else is this job's own trouble
      if (!(await this.gate.isOutage(error))) {
        this.logger.warn({ err: (error as Error).message }, 'overdue job failed; retrying next interval');
      }
      return 0;
    }
  }
}
