import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead-letter content falls under the retention period too (issue 9): `purged_at` marks a dead
 * letter whose content the retention job removed. Partial indexes keep both purge statements cheap.
 */
export class RetentionOfDeadLetters1764700000000 implements MigrationInterface {
  name = 'RetentionOfDeadLetters1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dead_letter" ADD COLUMN "purged_at" timestamptz`);
    await q.query(
      `CREATE INDEX "dead_letter_content_at" ON "dead_letter" ("at") WHERE "content" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "message_unanswered_body" ON "message" ((COALESCE("deadline_at", "received_at")))
       WHERE "raw" IS NOT NULL AND "final_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "message_unanswered_body"`);
    await q.query(`DROP INDEX IF EXISTS "dead_letter_content_at"`);
    await q.query(`ALTER TABLE "dead_letter" DROP COLUMN IF EXISTS "purged_at"`);
  }
}
