import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pauzeknop fase 1 (DESIGN §11): a municipality party registers the gemeentecodes it serves; the
 * resident's reference number is kept on the HelpRequest's ROUTED event (unique, so two requests
 * never share one); and a proof-of-work challenge is accepted once only.
 */
export class Pauzeknop1765700000000 implements MigrationInterface {
  name = 'Pauzeknop1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "party" ADD COLUMN "gemeentecodes" text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE UNIQUE INDEX "message_event_help_request_reference"
      ON "message_event" (("detail" ->> 'helpRequestReference'))
      WHERE "kind" = 'ROUTED' AND "detail" ? 'helpRequestReference'`);
    await q.query(`CREATE TABLE "pauzeknop_challenge_use" (
      "challenge_id" text PRIMARY KEY,
      "expires_at" timestamptz NOT NULL
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "pauzeknop_challenge_use"`);
    await q.query(`DROP INDEX "message_event_help_request_reference"`);
    await q.query(`ALTER TABLE "party" DROP COLUMN "gemeentecodes"`);
  }
}
