import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, Logger, WakeSignal } from '@skp/platform';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { fieldViolation } from '../kennisgeving/field-violation';
import { KennisgevingService, SubmissionResult } from '../kennisgeving/kennisgeving.service';
import { prepareSubmission, SubmissionContext } from '../kennisgeving/submission';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from '../municipality.tokens';
import type { ImportRowResult, PlannedCase } from './csv-import-plan';
import { ImportJobRepository } from './import-job.repository';

/** How often an idle runner looks for jobs that another (crashed) process left running. */
const POLL_MS = 2_000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15_000;

export type ChunkOutcome = 'progress' | 'finished' | 'none';

/**
 * Sends stored import jobs chunk by chunk. Each chunk is one transaction: the Kennisgevingen of its
 * cases, their outbox rows, the rows' results and the job's cursor commit together, so a crash,
 * restart or database outage at any point resumes at the first unsent case: no row is sent twice
 * and none is skipped. Database trouble pauses the runner (capped backoff, one log line per change)
 * instead of failing the job.
 */
@Injectable()
export class ImportJobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private readonly signal = new WakeSignal();
  private outage: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ImportJobRepository,
    private readonly kennisgevingen: KennisgevingService,
    private readonly metrics: MunicipalityMetrics,
    @Inject(SUBMISSION_CONTEXT) private readonly context: SubmissionContext,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
  }

  /** A job was stored: start on it now rather than at the next poll. */
  notify(): void {
    this.signal.notify();
  }

  /** Why the runner is waiting (database unavailable), or null when it is working normally. */
  get pausedBecause(): string | null {
    return this.outage;
  }

  /**
   * Sends the next chunk of the oldest running job (or of `jobId`). 'none' when there is no running
   * job free to take: all done, or each is being worked on by another caller right now.
   */
  async runChunk(jobId?: string): Promise<ChunkOutcome> {
    const maxRows = this.env.MUNICIPALITY_IMPORT_CHUNK_ROWS;
    const committed: SubmissionResult[] = [];
    const results: ImportRowResult[] = [];
    const outcome = await this.dataSource.transaction(async (manager) => {
      committed.length = 0;
      results.length = 0;
      const chunk = await this.jobs.claimChunk(manager, maxRows, jobId);
      if (!chunk) {
        return 'none' as const;
      }
      let taken = 0;
      for (const planned of chunk.cases) {
        if (results.length >= maxRows) {
          break;
        }
        results.push(...(await this.sendCase(manager, planned, committed)));
        taken += 1;
      }
      const nextCase = chunk.nextCase + taken;
      const finished = nextCase >= chunk.caseCount;
      await this.jobs.advance(manager, chunk.jobId, results, nextCase, finished);
      return finished ? ('finished' as const) : ('progress' as const);
    });
    this.kennisgevingen.afterCommit(committed);
    results.forEach((row) => this.metrics.importRows.inc({ status: row.status }));
    return outcome;
  }

  /** One case inside the chunk's transaction, behind a savepoint so a refused case leaves the rest. */
  private async sendCase(
    manager: EntityManager,
    planned: PlannedCase,
    committed: SubmissionResult[],
  ): Promise<ImportRowResult[]> {
    const base = (row: { line: number; creditorOin: string }) => ({
      line: row.line,
      caseReference: planned.caseReference,
      creditorOin: row.creditorOin,
    });
    const prepared = prepareSubmission(planned.request, this.context);
    if (!prepared.ok) {
      // every row passed alone; together they can only break a case-wide rule
      return planned.rows.map((row) => ({ ...base(row), status: 'ERROR', errors: prepared.violations }));
    }
    await manager.query('SAVEPOINT import_case');
    try {
      const result = await this.kennisgevingen.storeAndQueue(manager, prepared);
      await manager.query('RELEASE SAVEPOINT import_case');
      committed.push(result);
      const byCreditor = new Map(result.messages.map((m) => [m.creditor, m]));
      return planned.rows.map((row) => {
        const message = byCreditor.get(row.creditorOin);
        return {
          ...base(row),
          status: message?.created ? 'SENT' : 'DUPLICATE',
          messageId: message?.messageId,
        };
      });
    } catch (error) {
      if (!refusedByData(error)) {
        throw error; // the database or broker is in trouble: the whole chunk is retried later
      }
      await manager.query('ROLLBACK TO SAVEPOINT import_case');
      this.logger.error(
        { caseReference: planned.caseReference, err: (error as Error).message },
        'import case refused by the database',
      );
      return planned.rows.map((row) => ({
        ...base(row),
        status: 'ERROR',
        errors: [fieldViolation('row', 'not-stored')],
      }));
    }
  }

  private async run(): Promise<void> {
    let backoff = BACKOFF_FIRST_MS;
    while (this.running) {
      this.signal.clear();
      try {
        const outcome = await this.runChunk();
        if (this.outage) {
          this.logger.info({ after: this.outage }, 'import jobs resumed');
          this.outage = null;
        }
        backoff = BACKOFF_FIRST_MS;
        if (outcome === 'none') {
          await this.signal.sleep(POLL_MS);
        }
      } catch (error) {
        const reason = (error as Error).message;
        if (!this.outage) {
          this.logger.warn({ err: reason }, 'import jobs paused: cannot reach the database; retrying');
        }
        this.outage = reason;
        await this.signal.sleep(backoff, { evenIfNotified: true });
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
      }
    }
  }
}

/** Errors a case's own data causes (constraint or value errors), as opposed to an unavailable database. */
function refusedByData(error: unknown): boolean {
  const code = (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
  return error instanceof QueryFailedError && typeof code === 'string' && /^2[23]/.test(code);
}
