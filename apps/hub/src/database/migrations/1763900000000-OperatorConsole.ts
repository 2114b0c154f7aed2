import { MigrationInterface, QueryRunner } from 'typeorm';

/** Operators of the hub console, their sessions, and the audit log of what they did. */
export class OperatorConsole1763900000000 implements MigrationInterface {
  name = 'OperatorConsole1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "operator" (
      "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      "username" text NOT NULL UNIQUE,
      "password_hash" text NOT NULL,
      "role" text NOT NULL CHECK ("role" IN ('viewer', 'admin')),
      "failed_attempts" integer NOT NULL DEFAULT 0,
      "locked_until" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_login_at" timestamptz
    )`);
    // Only a hash of the token is stored: a copy of the table does not let anyone log in.
    await q.query(`CREATE TABLE "operator_session" (
      "token_hash" text PRIMARY KEY,
      "operator_id" uuid NOT NULL REFERENCES "operator" ("id") ON DELETE CASCADE,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "operator_session_expires" ON "operator_session" ("expires_at")`);
    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "operator" text,
      "action" text NOT NULL,
      "target" text,
      "detail" jsonb
    )`);
    await q.query(`CREATE INDEX "audit_log_at" ON "audit_log" ("at" DESC, "id" DESC)`);
    // Dashboard: the oldest message still waiting for its DELIVERED receipt. Receipts never get a
    // receipt of their own, so they stay ROUTED forever and are left out; the index holds only
    // what is in flight, so it stays small however large the history grows.
    await q.query(`CREATE INDEX "message_undelivered" ON "message" ("received_at", "message_id")
      WHERE "state" = 'ROUTED' AND "type" <> 'DeliveryReceipt'`);
    // Like the message timeline, the audit log is evidence: the database refuses edits.
    await q.query(`CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`CREATE TRIGGER "audit_log_no_change" BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "message_undelivered"`);
    for (const table of ['audit_log', 'operator_session', 'operator']) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
    await q.query(`DROP FUNCTION IF EXISTS "audit_log_append_only"()`);
  }
}
