import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { ImportRowResult, PlannedCase } from './csv-import-plan';
import { ImportJob } from './import-job.entity';

export interface NewImportJob {
  id: string;
  csv: string;
  cases: PlannedCase[];
  totalRows: number;
  /** rows refused while planning: recorded at once */
  refused: ImportRowResult[];
}

/** A running job locked for one chunk, with the next cases to send. */
export interface ClaimedChunk {
  jobId: string;
  nextCase: number;
  caseCount: number;
  cases: PlannedCase[];
}

const countOf = (rows: ImportRowResult[], status: ImportRowResult['status']): number =>
  rows.filter((r) => r.status === status).length;

/** The only place that queries the import_job table. */
@Injectable()
export class ImportJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the file, its plan and the refused rows in one step: once this returns, the job cannot be lost. */
  async create(job: NewImportJob): Promise<void> {
    const done = job.cases.length === 0;
    await this.dataSource.query(
      `INSERT INTO "import_job" ("id", "status", "total_rows", "processed_rows", "sent", "duplicate",
         "failed", "rows", "csv", "plan", "next_case", "case_count", "created_at", "finished_at")
       VALUES ($1, $2, $3, $4, 0, 0, $4, $5::jsonb, $6, $7::jsonb, 0, $8, now(),
         CASE WHEN $9 THEN now() END)`,
      [
        job.id,
        done ? 'DONE' : 'RUNNING',
        job.totalRows,
        job.refused.length,
        JSON.stringify(job.refused),
        done ? null : job.csv,
        done ? null : JSON.stringify(job.cases),
        job.cases.length,
        done,
      ],
    );
  }

  /**
   * Locks the oldest running job (or the given one) for the caller's transaction and reads up to
   * `maxCases` of its unsent cases. SKIP LOCKED lets several adapter instances share the work; the
   * lock dies with a crashed process, so another instance (or the restarted one) resumes.
   */
  async claimChunk(manager: EntityManager, maxCases: number, jobId?: string): Promise<ClaimedChunk | null> {
    const [job]: Array<{ id: string; next_case: number; case_count: number }> = await manager.query(
      `SELECT "id", "next_case", "case_count" FROM "import_job"
       WHERE "status" = 'RUNNING' AND ($1::uuid IS NULL OR "id" = $1::uuid)
       ORDER BY "created_at" LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [jobId ?? null],
    );
    if (!job) {
      return null;
    }
    // a slice of the plan array, without expanding the whole plan into rows for every chunk
    const [slice]: Array<{ cases: PlannedCase[] | null }> = await manager.query(
      `SELECT jsonb_path_query_array("plan", '$[$from to $last]',
         jsonb_build_object('from', $2::int, 'last', $2::int + $3::int - 1)) AS "cases"
       FROM "import_job" WHERE "id" = $1`,
      [job.id, job.next_case, maxCases],
    );
    return { jobId: job.id, nextCase: job.next_case, caseCount: job.case_count, cases: slice?.cases ?? [] };
  }

  /**
   * Records one chunk's results and moves the cursor, inside the transaction that sent the chunk.
   * The last chunk finishes the job and erases the file and plan.
   */
  async advance(
    manager: EntityManager,
    jobId: string,
    rows: ImportRowResult[],
    nextCase: number,
    finished: boolean,
  ): Promise<void> {
    await manager.query(
      `UPDATE "import_job" SET "rows" = "rows" || $2::jsonb, "processed_rows" = "processed_rows" + $3,
         "sent" = "sent" + $4, "duplicate" = "duplicate" + $5, "failed" = "failed" + $6, "next_case" = $7,
         "status" = CASE WHEN $8 THEN 'DONE' ELSE "status" END,
         "finished_at" = CASE WHEN $8 THEN now() ELSE "finished_at" END,
         "csv" = CASE WHEN $8 THEN NULL ELSE "csv" END,
         "plan" = CASE WHEN $8 THEN NULL ELSE "plan" END
       WHERE "id" = $1`,
      [
        jobId,
        JSON.stringify(rows),
        rows.length,
        countOf(rows, 'SENT'),
        countOf(rows, 'DUPLICATE'),
        countOf(rows, 'ERROR'),
        nextCase,
        finished,
      ],
    );
  }

  find(id: string): Promise<ImportJob | null> {
    return this.dataSource.getRepository(ImportJob).findOne({
      where: { id },
      // never the file or plan: they hold personal data and only the runner reads them
      select: {
        id: true,
        status: true,
        totalRows: true,
        processedRows: true,
        sent: true,
        duplicate: true,
        failed: true,
        rows: true,
        createdAt: true,
        finishedAt: true,
      },
    });
  }
}
