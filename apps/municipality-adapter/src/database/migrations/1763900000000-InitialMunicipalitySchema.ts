import { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_DDL, RECEIVED_MESSAGE_TABLE_DDL } from '@skp/platform';

export class InitialMunicipalitySchema1763900000000 implements MigrationInterface {
  name = 'InitialMunicipalitySchema1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_TABLE_DDL);
    await q.query(RECEIVED_MESSAGE_TABLE_DDL);
    await q.query(`CREATE TABLE "kennisgeving" (
      "message_id" uuid PRIMARY KEY,
      "case_reference" text NOT NULL,
      "creditor_oin" text NOT NULL,
      "variant" text NOT NULL CHECK ("variant" IN ('PUBLIC', 'PRIVATE')),
      "state" text NOT NULL CHECK ("state" IN ('SENT', 'ACCEPTED', 'DELIVERED', 'OVERDUE', 'PAUSED', 'DECLINED', 'REJECTED')),
      "pause_start" date NOT NULL,
      "pause_end" date NOT NULL,
      "sent_at" timestamptz NOT NULL,
      "answer_deadline" timestamptz NOT NULL,
      "paused_until" date,
      "decline_reason" text,
      "reason_code" text,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "kennisgeving_case_creditor" ON "kennisgeving" ("case_reference", "creditor_oin")`,
    );
    await q.query(`CREATE INDEX "kennisgeving_open_deadline" ON "kennisgeving" ("answer_deadline")
      WHERE "state" IN ('SENT', 'ACCEPTED', 'DELIVERED')`);
    await q.query(`CREATE TABLE "kennisgeving_event" (
      "id" bigserial PRIMARY KEY,
      "message_id" uuid NOT NULL REFERENCES "kennisgeving" ("message_id"),
      "at" timestamptz NOT NULL DEFAULT now(),
      "kind" text NOT NULL,
      "detail" jsonb NOT NULL DEFAULT '{}'::jsonb
    )`);
    await q.query(`CREATE INDEX "kennisgeving_event_message" ON "kennisgeving_event" ("message_id", "id")`);
    await q.query(`CREATE TABLE "progress_update" (
      "message_id" uuid PRIMARY KEY,
      "kennisgeving_id" uuid NOT NULL REFERENCES "kennisgeving" ("message_id"),
      "status" text NOT NULL,
      "new_pause_end" date,
      "end_reason" text,
      "state" text NOT NULL,
      "sent_at" timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX "progress_update_kennisgeving" ON "progress_update" ("kennisgeving_id")`);
    await q.query(`CREATE TABLE "import_job" (
      "id" uuid PRIMARY KEY,
      "status" text NOT NULL CHECK ("status" IN ('RUNNING', 'DONE', 'FAILED')),
      "total_rows" int NOT NULL,
      "processed_rows" int NOT NULL DEFAULT 0,
      "sent" int NOT NULL DEFAULT 0,
      "duplicate" int NOT NULL DEFAULT 0,
      "failed" int NOT NULL DEFAULT 0,
      "rows" jsonb NOT NULL DEFAULT '[]'::jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'import_job',
      'progress_update',
      'kennisgeving_event',
      'kennisgeving',
      'received_message',
      'outbox',
    ]) {
      await q.query(`DROP TABLE IF EXISTS "${table}"`);
    }
  }
}
