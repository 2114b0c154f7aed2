import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_DDL, RECEIVED_MESSAGE_TABLE_DDL } from '@skp/platform';

export class InitialCreditorSchema1763900000000 implements MigrationInterface {
  name = 'InitialCreditorSchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_TABLE_DDL);
    await q.query(RECEIVED_MESSAGE_TABLE_DDL);
    await q.query(`CREATE TABLE "inbox_message" (
      "message_id" uuid PRIMARY KEY,
      "type" text NOT NULL,
      "sender" text NOT NULL,
      "conversation_id" uuid NOT NULL,
      "in_reply_to" uuid,
      "created_at" timestamptz NOT NULL,
      "received_at" timestamptz NOT NULL DEFAULT now(),
      "state" text CHECK ("state" IN ('NEW', 'ANSWERED')),
      "case_reference" text,
      "message" jsonb NOT NULL,
      "answer_message_id" uuid,
      "answer" jsonb,
      "answered_at" timestamptz,
      "answered_by" text CHECK ("answered_by" IN ('AUTO', 'MANUAL')),
      "answer_status" text CHECK ("answer_status" IN ('SENT', 'ACCEPTED', 'DELIVERED', 'REJECTED')),
      "answer_reason_code" text
    )`);
    await q.query(`CREATE INDEX "inbox_received" ON "inbox_message" ("received_at" DESC, "message_id" DESC)`);
    await q.query(`CREATE INDEX "inbox_type_received" ON "inbox_message" ("type", "received_at" DESC)`);
    await q.query(
      `CREATE INDEX "inbox_state_received" ON "inbox_message" ("state", "received_at" DESC) WHERE "state" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "inbox_answer" ON "inbox_message" ("answer_message_id") WHERE "answer_message_id" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "inbox_conversation" ON "inbox_message" ("conversation_id")`);

    // One pause per Kennisgeving (conversation); a lookup combines the debtor's active pauses.
    await q.query(`CREATE TABLE "pause" (
      "conversation_id" uuid PRIMARY KEY,
      "municipality_oin" text NOT NULL,
      "bsn" text,
      "customer_number" text,
      "surname_key" text NOT NULL,
      "full_surname_key" text NOT NULL,
      "birth_date" date NOT NULL,
      "postcode" text NOT NULL,
      "start_date" date NOT NULL,
      "requested_end" date NOT NULL,
      "end_date" date NOT NULL,
      "lifted_on" date,
      "lift_reason" text,
      "last_status" text,
      "case_reference" text NOT NULL,
      "municipality" jsonb NOT NULL,
      "counsellor" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // The three lookup keys; only not-lifted rows are ever asked for.
    await q.query(
      `CREATE INDEX "pause_bsn" ON "pause" ("bsn", "end_date") WHERE "bsn" IS NOT NULL AND "lifted_on" IS NULL`,
    );
    await q.query(`CREATE INDEX "pause_customer" ON "pause" ("customer_number", "end_date")
      WHERE "customer_number" IS NOT NULL AND "lifted_on" IS NULL`);
    await q.query(
      `CREATE INDEX "pause_person" ON "pause" ("birth_date", "postcode", "surname_key") WHERE "lifted_on" IS NULL`,
    );

    await q.query(`CREATE TABLE "webhook_delivery" (
      "id" bigserial PRIMARY KEY,
      "message_id" uuid NOT NULL UNIQUE,
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" timestamptz NOT NULL DEFAULT now(),
      "last_error" text,
      "delivered_at" timestamptz,
      "failed_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "webhook_due" ON "webhook_delivery" ("next_attempt_at")
      WHERE "delivered_at" IS NULL AND "failed_at" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['webhook_delivery', 'pause', 'inbox_message', 'received_message', 'outbox']) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
