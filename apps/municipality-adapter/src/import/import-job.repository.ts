import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ImportRowResult } from './csv-import-plan';
import { ImportJob } from './import-job.entity';

/** The only place that queries the import_job table. */
@Injectable()
export class ImportJobRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(id: string, totalRows: number): Promise<void> {
    await this.dataSource.getRepository(ImportJob).insert({
      id,
      status: 'RUNNING',
      totalRows,
      processedRows: 0,
      sent: 0,
      duplicate: 0,
      failed: 0,
      rows: [],
      createdAt: new Date(),
      finishedAt: null,
    });
  }

  /** Appends one chunk's results and counts, so progress survives and can be polled. */
  async appendResults(id: string, rows: ImportRowResult[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const count = (status: string): number => rows.filter((r) => r.status === status).length;
    await this.dataSource.query(
      `UPDATE "import_job" SET "rows" = "rows" || $2::jsonb, "processed_rows" = "processed_rows" + $3,
         "sent" = "sent" + $4, "duplicate" = "duplicate" + $5, "failed" = "failed" + $6 WHERE "id" = $1`,
      [id, JSON.stringify(rows), rows.length, count('SENT'), count('DUPLICATE'), count('ERROR')],
    );
  }

  async finish(id: string, status: 'DONE' | 'FAILED'): Promise<void> {
    await this.dataSource.getRepository(ImportJob).update({ id }, { status, finishedAt: new Date() });
  }

  find(id: string): Promise<ImportJob | null> {
    return this.dataSource.getRepository(ImportJob).findOne({ where: { id } });
  }
}
