import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_DDL } from '@skp/platform';

export class InitialHubSchema1763800000000 implements MigrationInterface {
  name = 'InitialHubSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "party" (
      "oin" text PRIMARY KEY,
      "name" text NOT NULL,
      "kind" text NOT NULL CHECK ("kind" IN ('MUNICIPALITY', 'CREDITOR')),
      "bsn_allowed" boolean NOT NULL DEFAULT false,
      "status" text NOT NULL DEFAULT 'ACTIVE' CHECK ("status" IN ('ACTIVE', 'SUSPENDED')),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "party_certificate" (
      "sha256" text PRIMARY KEY,
      "party_oin" text NOT NULL REFERENCES "party" ("oin"),
      "pem" text NOT NULL,
      "subject" text NOT NULL,
      "not_before" timestamptz NOT NULL,
      "not_after" timestamptz NOT NULL,
      "added_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "party_certificate_party" ON "party_certificate" ("party_oin")`);
    await q.query(`CREATE TABLE "message" (
      "message_id" uuid PRIMARY KEY,
      "type" text NOT NULL,
      "sender" text,
      "recipient" text,
      "conversation_id" uuid,
      "in_reply_to" uuid,
      "header_created_at" timestamptz,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      "state" text NOT NULL,
      "reason_code" text,
      "content_hash" text,
      "content_type" text NOT NULL,
      "raw" text,
      "signer_fingerprint" text,
      "routed_at" timestamptz,
      "delivered_at" timestamptz,
      "answered_at" timestamptz,
      "deadline_at" timestamptz,
      "final_at" timestamptz,
      "pause_start" date,
      "pause_end" date,
      "paused_until" date,
      "decline_reason" text,
      "receipt_raw" text,
      "purged_at" timestamptz
    )`);
    // Console search pages newest-first with a (received_at, message_id) cursor under every filter.
    await q.query(`CREATE INDEX "message_received" ON "message" ("received_at" DESC, "message_id" DESC)`);
    await q.query(
      `CREATE INDEX "message_state_received" ON "message" ("state", "received_at" DESC, "message_id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "message_type_received" ON "message" ("type", "received_at" DESC, "message_id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "message_sender_received" ON "message" ("sender", "received_at" DESC, "message_id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "message_recipient_received" ON "message" ("recipient", "received_at" DESC, "message_id" DESC)`,
    );
    await q.query(`CREATE INDEX "message_conversation" ON "message" ("conversation_id", "received_at")`);
    await q.query(`CREATE INDEX "message_in_reply_to" ON "message" ("in_reply_to")`);
    await q.query(`CREATE INDEX "message_open_deadline" ON "message" ("deadline_at")
      WHERE "type" = 'Kennisgeving' AND "state" IN ('ROUTED', 'DELIVERED')`);
    await q.query(`CREATE INDEX "message_purgeable" ON "message" ("final_at") WHERE "raw" IS NOT NULL`);
    await q.query(`CREATE TABLE "message_event" (
      "id" bigserial PRIMARY KEY,
      "message_id" uuid NOT NULL,
      "at" timestamptz NOT NULL DEFAULT now(),
      "kind" text NOT NULL,
      "state" text,
      "cause" text,
      "detail" jsonb
    )`);
    await q.query(`CREATE INDEX "message_event_message" ON "message_event" ("message_id", "id")`);
    await q.query(`CREATE INDEX "message_event_at" ON "message_event" ("at")`);
    await q.query(`CREATE TABLE "dead_letter" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "message_id" text,
      "type" text,
      "reason_code" text NOT NULL,
      "reason" text NOT NULL,
      "queue" text,
      "routing_key" text,
      "content" bytea,
      "properties" jsonb NOT NULL DEFAULT '{}',
      "redelivered_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "dead_letter_at" ON "dead_letter" ("at" DESC)`);
    await q.query(OUTBOX_TABLE_DDL);
    // Append-only: the timeline is evidence, so the database itself refuses edits.
    await q.query(`CREATE FUNCTION "message_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'message_event is append-only'; END $$`);
    await q.query(`CREATE TRIGGER "message_event_no_change" BEFORE UPDATE OR DELETE ON "message_event"
      FOR EACH ROW EXECUTE FUNCTION "message_event_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'dead_letter', 'message_event', 'message', 'party_certificate', 'party']) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
    await q.query(`DROP FUNCTION IF EXISTS "message_event_append_only"()`);
  }
}
