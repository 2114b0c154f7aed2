import { todayInAmsterdam } from '@skp/messages';
import { HttpStatus, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectLogger, Logger } from '@skp/platform';
import type { MunicipalityEnv } from '../config/municipality.env';
import { fieldViolation } from '../kennisgeving/field-violation';
import { KennisgevingService } from '../kennisgeving/kennisgeving.service';
import { prepareSubmission, SubmissionContext } from '../kennisgeving/submission';
import { InvalidRequestException } from '../http/invalid-request.exception';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from '../municipality.tokens';
import { ImportPlan, ImportRowResult, PlannedCase, planImport } from './csv-import-plan';
import { CsvSyntaxError, parseCsv } from './csv-parser';
import { ImportJob } from './import-job.entity';
import { ImportJobRepository } from './import-job.repository';

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
 * CSV import (DESIGN §7): checks every row, groups rows into cases, sends the good ones in chunks
 * and keeps per-row results in an import job. Small files answer at once; large ones (or when the
 * caller asks) run in the background and are polled with `GET /kennisgevingen/import/:jobId`.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly kennisgevingen: KennisgevingService,
    private readonly jobs: ImportJobRepository,
    private readonly metrics: MunicipalityMetrics,
    @Inject(SUBMISSION_CONTEXT) private readonly context: SubmissionContext,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async importCsv(text: string, background: boolean): Promise<{ status: HttpStatus; view: ImportJobView }> {
    const plan = this.plan(text);
    const jobId = randomUUID();
    await this.jobs.create(jobId, plan.totalRows);
    const work = this.run(jobId, plan);
    if (background || plan.totalRows > this.env.MUNICIPALITY_IMPORT_SYNC_ROWS) {
      void work;
      return { status: HttpStatus.ACCEPTED, view: await this.view(jobId) };
    }
    await work;
    return { status: HttpStatus.OK, view: await this.view(jobId) };
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
    let doc;
    try {
      doc = parseCsv(text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        throw new InvalidRequestException([{ ...fieldViolation(`line ${error.line}`, 'csv-syntax') }]);
      }
      throw error;
    }
    if (!doc) {
      throw new InvalidRequestException([fieldViolation('file', 'empty-file')]);
    }
    const plan = planImport(doc, this.context, todayInAmsterdam());
    if (!plan.ok) {
      throw new InvalidRequestException(plan.violations);
    }
    return plan;
  }

  /** Sends case after case; saves results after every chunk of about MUNICIPALITY_IMPORT_CHUNK_ROWS rows. */
  private async run(jobId: string, plan: Extract<ImportPlan, { ok: true }>): Promise<void> {
    try {
      await this.save(jobId, plan.failed);
      let chunk: ImportRowResult[] = [];
      for (const planned of plan.cases) {
        chunk.push(...(await this.sendCase(planned)));
        if (chunk.length >= this.env.MUNICIPALITY_IMPORT_CHUNK_ROWS) {
          await this.save(jobId, chunk);
          chunk = [];
        }
      }
      await this.save(jobId, chunk);
      await this.jobs.finish(jobId, 'DONE');
    } catch (error) {
      this.logger.error({ jobId, err: (error as Error).message }, 'import job failed');
      await this.jobs.finish(jobId, 'FAILED').catch(() => undefined);
    }
  }

  private async save(jobId: string, rows: ImportRowResult[]): Promise<void> {
    await this.jobs.appendResults(jobId, rows);
    rows.forEach((row) => this.metrics.importRows.inc({ status: row.status }));
  }

  private async sendCase(planned: PlannedCase): Promise<ImportRowResult[]> {
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
    try {
      const result = await this.kennisgevingen.submitPrepared(prepared);
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
      this.logger.error(
        { caseReference: planned.caseReference, err: (error as Error).message },
        'import case failed',
      );
      return planned.rows.map((row) => ({
        ...base(row),
        status: 'ERROR',
        errors: [fieldViolation('row', 'not-stored')],
      }));
    }
  }
}
