import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseGate, InjectLogger, Logger, RepeatingJob } from '@skp/platform';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MUNICIPALITY_ENV } from '../municipality.tokens';
import { HelpRequestRepository } from './help-request.repository';

const DAY_MS = 86_400_000;

/**
 * Retention of residents' HelpRequests (issue 15): a request referred elsewhere or not admitted is
 * deleted, with the resident's data, MUNICIPALITY_HELP_REQUEST_RETENTION_DAYS after that decision.
 */
@Injectable()
export class HelpRequestRetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job: RepeatingJob;

  constructor(
    private readonly repository: HelpRequestRepository,
    private readonly gate: DatabaseGate,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.job = new RepeatingJob(env.MUNICIPALITY_JOB_INTERVAL_MS, () => this.purge());
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
  }

  async purge(now = new Date()): Promise<number> {
    try {
      const before = new Date(now.getTime() - this.env.MUNICIPALITY_HELP_REQUEST_RETENTION_DAYS * DAY_MS);
      const count = await this.repository.purgeNotAdmitted(before);
      if (count > 0) {
        this.logger.info({ count }, 'help requests not admitted deleted after their retention period');
      }
      return count;
    } catch (error) {
      // an outage is logged once by the gate; anything else is this job's own trouble
      if (!(await this.gate.isOutage(error))) {
        this.logger.warn(
          { err: (error as Error).message },
          'help request retention failed; retrying next interval',
        );
      }
      return 0;
    }
  }
}
