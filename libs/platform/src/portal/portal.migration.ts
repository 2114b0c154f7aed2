import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portal tables of an adapter (users, sessions, audit), created by each adapter's own
 * migration so both stay in step. The audit is append-only: the database refuses updates and
 * deletes, like the hub's audit log.
 */
export async function createPortalTables(q: QueryRunner): Promise<void> {
  await q.query(`CREATE TABLE "portal_user" (
    "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    "username" varchar(100) NOT NULL UNIQUE,
    "role" varchar(10) NOT NULL CHECK ("role" IN ('viewer', 'editor')),
    "password_hash" text NOT NULL,
    "failed_attempts" int NOT NULL DEFAULT 0,
    "locked_until" timestamptz,
    "disabled_at" timestamptz,
    "password_changed_at" timestamptz,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "last_login_at" timestamptz
  )`);
  await q.query(`CREATE TABLE "portal_session" (
    "token_hash" char(64) PRIMARY KEY,
    "user_id" uuid NOT NULL REFERENCES "portal_user" ("id") ON DELETE CASCADE,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "expires_at" timestamptz NOT NULL
  )`);
  await q.query(`CREATE INDEX "portal_session_user" ON "portal_session" ("user_id")`);
  await q.query(`CREATE INDEX "portal_session_expires" ON "portal_session" ("expires_at")`);
  await q.query(`CREATE TABLE "portal_audit" (
    "id" bigserial PRIMARY KEY,
    "at" timestamptz NOT NULL DEFAULT now(),
    "username" varchar(200),
    "kind" varchar(10) NOT NULL DEFAULT 'user',
    "action" varchar(300) NOT NULL,
    "target" varchar(300),
    "status" int,
    "detail" jsonb
  )`);
  await q.query(`CREATE INDEX "portal_audit_username" ON "portal_audit" ("username", "id")`);
  await q.query(`CREATE FUNCTION "portal_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'portal_audit is append-only'; END $$`);
  await q.query(`CREATE TRIGGER "portal_audit_append_only" BEFORE UPDATE OR DELETE ON "portal_audit"
    FOR EACH ROW EXECUTE FUNCTION "portal_audit_append_only"()`);
}

export async function dropPortalTables(q: QueryRunner): Promise<void> {
  await q.query(`DROP TABLE IF EXISTS "portal_audit"`);
  await q.query(`DROP FUNCTION IF EXISTS "portal_audit_append_only"()`);
  await q.query(`DROP TABLE IF EXISTS "portal_session"`);
  await q.query(`DROP TABLE IF EXISTS "portal_user"`);
}

/**
 * The migration that creates the portal tables: one class, listed by both adapters' migrations
 * under the same name and timestamp, so both databases record it alike.
 */
export class PortalUsers1765200000000 implements MigrationInterface {
  name = 'PortalUsers1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await createPortalTables(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropPortalTables(q);
  }
}
