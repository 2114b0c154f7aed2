import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 14, cut 3: an outbox row of a routed message's forward or receipt references the bytes its
 * message row already holds (`raw` or `receipt_raw`) instead of carrying a second copy, so each
 * payload is sent to Postgres once. Rows with their own `content` are unchanged.
 */
export class OutboxStoredPayloads1765400000000 implements MigrationInterface {
  name = 'OutboxStoredPayloads1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "outbox" ADD COLUMN "stored_message_id" uuid, ADD COLUMN "stored_payload" text`,
    );
    await q.query(`ALTER TABLE "outbox" ALTER COLUMN "content" DROP NOT NULL`);
    await q.query(`ALTER TABLE "outbox" ADD CONSTRAINT "outbox_content_or_stored_payload" CHECK (
      "content" IS NOT NULL OR ("stored_message_id" IS NOT NULL AND "stored_payload" IN ('raw', 'receipt')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    // give referencing rows their bytes back; a row whose payload retention purged has none left
    await q.query(`UPDATE "outbox" o SET "content" = convert_to(
        CASE o."stored_payload" WHEN 'raw' THEN m."raw" ELSE m."receipt_raw" END, 'UTF8')
      FROM "message" m WHERE o."content" IS NULL AND m."message_id" = o."stored_message_id"`);
    await q.query(`DELETE FROM "outbox" WHERE "content" IS NULL`);
    await q.query(`ALTER TABLE "outbox" DROP CONSTRAINT "outbox_content_or_stored_payload"`);
    await q.query(`ALTER TABLE "outbox" ALTER COLUMN "content" SET NOT NULL`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "stored_payload", DROP COLUMN "stored_message_id"`);
  }
}
