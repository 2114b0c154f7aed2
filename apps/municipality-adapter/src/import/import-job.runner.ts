import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectLogger, Logger, WakeSignal } from '@skp/platform';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { FieldViolation, fieldViolation } from '../kennisgeving/field-violation';
import { KennisgevingService, ReadySubmission, SubmissionResult } from '../kennisgeving/kennisgeving.service';
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
    let sent: SentChunk = { committed: [], results: [] };
    const outcome = await this.dataSource.transaction(async (manager) => {
      const chunk = await this.jobs.claimChunk(manager, maxRows, jobId);
      if (!chunk) {
        return 'none' as const;
      }
      const cases = casesUpTo(chunk.cases, maxRows);
      sent = await this.sendCases(manager, cases);
      const nextCase = chunk.nextCase + cases.length;
      const finished = nextCase >= chunk.caseCount;
      await this.jobs.advance(manager, chunk.jobId, sent.results, nextCase, finished);
      return finished ? ('finished' as const) : ('progress' as const);
    });
    this.kennisgevingen.afterCommit(sent.committed);
    sent.results.forEach((row) => this.metrics.importRows.inc({ status: row.status }));
    return outcome;
  }

  /**
   * The chunk's cases inside its transaction: every case is checked and built first (CPU only),
   * then all are stored with one statement per table. When the database refuses that for some
   * case's content, the chunk is stored again case by case, each behind a savepoint, so only the
   * refused case reports an error.
   */
  private async sendCases(manager: EntityManager, cases: PlannedCase[]): Promise<SentChunk> {
    const prepared = cases.map((planned) => prepareSubmission(planned.request, this.context));
    const ready = prepared.filter((p): p is ReadySubmission => p.ok);
    let stored: Array<SubmissionResult | FieldViolation[]>;
    await manager.query('SAVEPOINT import_chunk');
    try {
      stored = await this.kennisgevingen.storeAndQueueMany(manager, ready);
      await manager.query('RELEASE SAVEPOINT import_chunk');
    } catch (error) {
      if (!refusedByData(error)) {
        throw error; // the database or broker is in trouble: the whole chunk is retried later
      }
      await manager.query('ROLLBACK TO SAVEPOINT import_chunk');
      stored = [];
      for (const one of ready) {
        stored.push(await this.storeCase(manager, one));
      }
    }
    const committed = stored.filter((s): s is SubmissionResult => !Array.isArray(s));
    let next = 0;
    const results = cases.flatMap((planned, index) => {
      const one = prepared[index];
      // every row passed alone; together they can only break a case-wide rule
      return rowResults(planned, one.ok ? stored[next++] : one.violations);
    });
    return { committed, results };
  }

  /** One case behind a savepoint: its result, or why the database refused it. */
  private async storeCase(
    manager: EntityManager,
    prepared: ReadySubmission,
  ): Promise<SubmissionResult | FieldViolation[]> {
    await manager.query('SAVEPOINT import_case');
    try {
      const result = await this.kennisgevingen.storeAndQueue(manager, prepared);
      await manager.query('RELEASE SAVEPOINT import_case');
      return result;
    } catch (error) {
      if (!refusedByData(error)) {
        throw error;
      }
      await manager.query('ROLLBACK TO SAVEPOINT import_case');
      this.logger.error(
        { caseReference: prepared.caseReference, err: (error as Error).message },
        'import case refused by the database',
      );
      return [fieldViolation('row', 'not-stored')];
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

interface SentChunk {
  committed: SubmissionResult[];
  results: ImportRowResult[];
}

/** The first cases of a claimed chunk whose rows make up `maxRows` (a case is never split). */
function casesUpTo(cases: PlannedCase[], maxRows: number): PlannedCase[] {
  let rows = 0;
  let taken = 0;
  while (taken < cases.length && rows < maxRows) {
    rows += cases[taken].rows.length;
    taken += 1;
  }
  return cases.slice(0, taken);
}

/** Each row of a case: SENT, DUPLICATE (sent before) or ERROR with the case's violations. */
function rowResults(planned: PlannedCase, outcome: SubmissionResult | FieldViolation[]): ImportRowResult[] {
  const base = (row: { line: number; creditorOin: string }) => ({
    line: row.line,
    caseReference: planned.caseReference,
    creditorOin: row.creditorOin,
  });
  if (Array.isArray(outcome)) {
    return planned.rows.map((row) => ({ ...base(row), status: 'ERROR', errors: outcome }));
  }
  const byCreditor = new Map(outcome.messages.map((m) => [m.creditor, m]));
  return planned.rows.map((row) => {
    const message = byCreditor.get(row.creditorOin);
    return { ...base(row), status: message?.created ? 'SENT' : 'DUPLICATE', messageId: message?.messageId };
  });
}

/** Errors a case's own data causes (constraint or value errors), as opposed to an unavailable database. */
function refusedByData(error: unknown): boolean {
  const code = (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
  return error instanceof QueryFailedError && typeof code === 'string' && /^2[23]/.test(code);
}
