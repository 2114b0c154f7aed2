import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import job keeps its file and plan until it is done, and a cursor over the plan's cases, so a
 * crash, restart or database outage resumes it where it stopped. Jobs that were running in memory
 * before this migration cannot be resumed: they are marked FAILED.
 */
export class DurableImportJobs1765000000000 implements MigrationInterface {
  name = 'DurableImportJobs1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "import_job"
      ADD COLUMN "csv" text,
      ADD COLUMN "plan" jsonb,
      ADD COLUMN "next_case" int NOT NULL DEFAULT 0,
      ADD COLUMN "case_count" int NOT NULL DEFAULT 0`);
    await q.query(
      `UPDATE "import_job" SET "status" = 'FAILED', "finished_at" = now() WHERE "status" = 'RUNNING'`,
    );
    await q.query(
      `CREATE INDEX "import_job_running" ON "import_job" ("created_at") WHERE "status" = 'RUNNING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "import_job_running"`);
    await q.query(`ALTER TABLE "import_job" DROP COLUMN "csv", DROP COLUMN "plan", DROP COLUMN "next_case",
      DROP COLUMN "case_count"`);
  }
}
