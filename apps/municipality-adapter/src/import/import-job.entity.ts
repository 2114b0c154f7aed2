import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ImportRowResult, PlannedCase } from './csv-import-plan';

/**
 * One CSV import, with its progress and per-row results (ids, line numbers and rule names only).
 * While it runs it also keeps the file and its plan (personal data), so it can resume after a
 * crash; both are erased in the transaction that finishes the job.
 */
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

  /** the uploaded file, kept until the job is done */
  @Column({ type: 'text', nullable: true })
  csv!: string | null;

  /** the cases still to send, kept until the job is done */
  @Column({ type: 'jsonb', nullable: true })
  plan!: PlannedCase[] | null;

  /** index in `plan` of the first case not sent yet */
  @Column({ name: 'next_case', type: 'int' })
  nextCase!: number;

  @Column({ name: 'case_count', type: 'int' })
  caseCount!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
