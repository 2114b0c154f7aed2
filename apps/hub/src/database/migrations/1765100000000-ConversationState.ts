import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collectief Schuldregelen (DESIGN §9): a BalanceRequest keeps the state of the conversation it
 * opened and whether its answer gave vooraf akkoord; a BalanceRequest waits for its answer as a
 * Kennisgeving does, so the overdue scan's partial index covers both (and the states the scan
 * starts from, so the scan can use it).
 */
export class ConversationState1765100000000 implements MigrationInterface {
  name = 'ConversationState1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "message" ADD COLUMN "conversation_state" text`);
    await q.query(`ALTER TABLE "message" ADD COLUMN "pre_approval" boolean`);
    await q.query(`DROP INDEX "message_open_deadline"`);
    await q.query(`CREATE INDEX "message_open_deadline" ON "message" ("deadline_at")
      WHERE "type" IN ('Kennisgeving', 'BalanceRequest') AND "state" IN ('RECEIVED', 'ROUTED', 'DELIVERED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "message_open_deadline"`);
    await q.query(`CREATE INDEX "message_open_deadline" ON "message" ("deadline_at")
      WHERE "type" = 'Kennisgeving' AND "state" IN ('ROUTED', 'DELIVERED')`);
    await q.query(`ALTER TABLE "message" DROP COLUMN "pre_approval"`);
    await q.query(`ALTER TABLE "message" DROP COLUMN "conversation_state"`);
  }
}
