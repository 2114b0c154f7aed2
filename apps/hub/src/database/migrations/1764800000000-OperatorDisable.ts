import { MigrationInterface, QueryRunner } from 'typeorm';

/** An admin can disable an operator: a disabled operator has no sessions and cannot log in. */
export class OperatorDisable1764800000000 implements MigrationInterface {
  name = 'OperatorDisable1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "operator" ADD COLUMN "disabled_at" timestamptz`);
    await q.query(`ALTER TABLE "operator" ADD COLUMN "password_changed_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "operator" DROP COLUMN "password_changed_at"`);
    await q.query(`ALTER TABLE "operator" DROP COLUMN "disabled_at"`);
  }
}
