import { todayInAmsterdam } from '@skp/messages';
import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { badRequest, InjectLogger, Logger } from '@skp/platform';
import type { MunicipalityEnv } from '../config/municipality.env';
import { fieldViolation } from '../kennisgeving/field-violation';
import { SubmissionContext } from '../kennisgeving/submission';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from '../municipality.tokens';
import { ImportPlan, ImportRowResult, planImport } from './csv-import-plan';
import { CsvSyntaxError, parseCsv } from '@skp/platform';
import { ImportJob } from './import-job.entity';
import { ImportJobRepository } from './import-job.repository';
import { ImportJobRunner } from './import-job.runner';

/** How long a small import waits for a chunk another worker is sending before answering 202. */
const SYNC_WAIT_MS = 30_000;

export interface ImportJobView {
  jobId: string;
  status: ImportJob['status'];
  totalRows: number;
  processedRows: number;
  summary: { sent: number; duplicate: number; failed: number };
  /** per-row results ordered by line; complete once status is DONE */
  rows: ImportRowResult[];
}

export function toImportJobView(job: ImportJob): ImportJobView {
  return {
    jobId: job.id,
    status: job.status,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    summary: { sent: job.sent, duplicate: job.duplicate, failed: job.failed },
    rows: [...job.rows].sort((a, b) => a.line - b.line),
  };
}

/**
 * CSV import (DESIGN §7): checks every row, groups rows into cases and stores the file and plan as
 * an import job; ImportJobRunner sends the good rows in chunks and keeps per-row results. Small
 * files answer at once; large ones (or when the caller asks) run in the background and are polled
 * with `GET /kennisgevingen/import/:jobId`.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly runner: ImportJobRunner,
    private readonly jobs: ImportJobRepository,
    private readonly metrics: MunicipalityMetrics,
    @Inject(SUBMISSION_CONTEXT) private readonly context: SubmissionContext,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /**
   * Checks the file, then stores it with its plan before answering: from then on the job survives
   * a crash or an outage. Small files are sent before the answer (200); large ones (or when the
   * caller asks) answer 202 at once and are polled.
   */
  async importCsv(text: string, background: boolean): Promise<{ status: HttpStatus; view: ImportJobView }> {
    const plan = this.plan(text);
    const jobId = randomUUID();
    await this.jobs.create({
      id: jobId,
      csv: text,
      cases: plan.cases,
      totalRows: plan.totalRows,
      refused: plan.failed,
    });
    plan.failed.forEach((row) => this.metrics.importRows.inc({ status: row.status }));
    if (background || plan.totalRows > this.env.MUNICIPALITY_IMPORT_SYNC_ROWS) {
      this.runner.notify();
      return { status: HttpStatus.ACCEPTED, view: await this.view(jobId) };
    }
    await this.finishNow(jobId);
    const view = await this.view(jobId);
    return { status: view.status === 'DONE' ? HttpStatus.OK : HttpStatus.ACCEPTED, view };
  }

  /** Sends a small job before answering; whatever is left (an outage) the runner resumes. */
  private async finishNow(jobId: string): Promise<void> {
    try {
      for (;;) {
        const outcome = await this.runner.runChunk(jobId);
        if (outcome === 'finished') {
          return;
        }
        if (outcome === 'none') {
          // the background runner holds it right now: wait briefly for it to finish
          const deadline = Date.now() + SYNC_WAIT_MS;
          while (Date.now() < deadline && (await this.jobs.find(jobId))?.status === 'RUNNING') {
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return;
        }
      }
    } catch (error) {
      this.logger.warn({ jobId, err: (error as Error).message }, 'import continues in the background');
      this.runner.notify();
    }
  }

  async view(jobId: string): Promise<ImportJobView> {
    const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await this.jobs.find(jobId) : null;
    if (!job) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no import job with this id',
      });
    }
    return toImportJobView(job);
  }

  private plan(text: string): Extract<ImportPlan, { ok: true }> {
    if (text.includes('\u0000')) {
      throw badRequest([fieldViolation('file', 'no-nul-bytes')]);
    }
    let doc;
    try {
      doc = parseCsv(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        throw badRequest([{ ...fieldViolation(`line ${error.line}`, 'csv-syntax') }]);
      }
      throw error;
    }
    if (!doc) {
      throw badRequest([fieldViolation('file', 'empty-file')]);
    }
    const plan = planImport(doc, this.context, todayInAmsterdam());
    if (!plan.ok) {
      throw badRequest(plan.violations);
    }
    return plan;
  }
}
