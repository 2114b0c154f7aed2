import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The debtor of each case, for the municipality's own portal: the municipality is the party that
 * may see it (DESIGN §10). One row per case; the label is what the case list shows (never the BSN).
 */
export class CaseDebtors1765300000000 implements MigrationInterface {
  name = 'CaseDebtors1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_debtor" (
      "case_reference" text PRIMARY KEY,
      "label" text NOT NULL,
      "debtor" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "kennisgeving_case_sent" ON "kennisgeving" ("case_reference", "sent_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "kennisgeving_case_sent"`);
    await q.query(`DROP TABLE IF EXISTS "case_debtor"`);
  }
}
