import { MigrationInterface, QueryRunner } from 'typeorm';

/** The claims register of Collectief Schuldregelen (DESIGN §9), one row per open claim. */
export class ClaimsRegister1765100000000 implements MigrationInterface {
  name = 'ClaimsRegister1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "claim" (
      "reference" text PRIMARY KEY,
      "kind" text NOT NULL CHECK ("kind" IN ('ZORG', 'PUBLIEK', 'NUTS', 'OVERIG')),
      "original_amount_cents" bigint NOT NULL CHECK ("original_amount_cents" >= 0),
      "outstanding_amount_cents" bigint NOT NULL CHECK ("outstanding_amount_cents" >= 0),
      "customer_number" text,
      "bsn" text,
      "surname_key" text,
      "birth_date" date,
      "postcode" text,
      "since" date,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // The three ways a request names the debtor, as the pause lookup has them.
    await q.query(`CREATE INDEX "claim_bsn" ON "claim" ("bsn") WHERE "bsn" IS NOT NULL`);
    await q.query(
      `CREATE INDEX "claim_customer" ON "claim" ("customer_number") WHERE "customer_number" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "claim_person" ON "claim" ("birth_date", "postcode", "surname_key")
      WHERE "surname_key" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "claim"`);
  }
}
