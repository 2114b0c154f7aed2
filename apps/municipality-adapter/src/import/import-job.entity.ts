import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImportRowResult } from './csv-import-plan';

/** One CSV import, with its progress and per-row results (ids, line numbers and rule names only). */
@Entity({ name: 'import_job' })
export class ImportJob {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** RUNNING, DONE or FAILED */
  @Column({ type: 'text' })
  status!: 'RUNNING' | 'DONE' | 'FAILED';

  @Column({ name: 'total_rows', type: 'int' })
  totalRows!: number;

  @Column({ name: 'processed_rows', type: 'int' })
  processedRows!: number;

  @Column({ type: 'int' })
  sent!: number;

  @Column({ type: 'int' })
  duplicate!: number;

  @Column({ type: 'int' })
  failed!: number;

  @Column({ type: 'jsonb' })
  rows!: ImportRowResult[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
