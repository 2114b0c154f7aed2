import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pauzeknop fase 1 (DESIGN §11): a HelpRequest waits for the municipality's first contact as a
 * Kennisgeving waits for its answer, so the overdue scan's partial index covers it too.
 */
export class HelpRequestDeadline1765600000000 implements MigrationInterface {
  name = 'HelpRequestDeadline1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "message_open_deadline"`);
    await q.query(`CREATE INDEX "message_open_deadline" ON "message" ("deadline_at")
      WHERE "type" IN ('Kennisgeving', 'BalanceRequest', 'HelpRequest')
        AND "state" IN ('RECEIVED', 'ROUTED', 'DELIVERED')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "message_open_deadline"`);
    await q.query(`CREATE INDEX "message_open_deadline" ON "message" ("deadline_at")
      WHERE "type" IN ('Kennisgeving', 'BalanceRequest') AND "state" IN ('RECEIVED', 'ROUTED', 'DELIVERED')`);
  }
}
