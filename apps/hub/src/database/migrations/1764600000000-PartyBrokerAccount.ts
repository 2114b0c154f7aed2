import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each party's broker account (DESIGN §5): its name and when its password was last issued. The
 * password itself is never stored; RabbitMQ keeps only its hash.
 */
export class PartyBrokerAccount1764600000000 implements MigrationInterface {
  name = 'PartyBrokerAccount1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "party" ADD COLUMN "broker_username" text`);
    await q.query(`ALTER TABLE "party" ADD COLUMN "broker_credentials_issued_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "party" DROP COLUMN "broker_credentials_issued_at"`);
    await q.query(`ALTER TABLE "party" DROP COLUMN "broker_username"`);
  }
}
