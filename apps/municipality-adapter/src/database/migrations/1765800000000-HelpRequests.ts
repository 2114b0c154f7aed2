import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pauzeknop fase 1 (DESIGN §11): the residents' requests the hub sent this municipality, now the
 * municipality's own record (the resident's data included), and the acknowledgements it sent back.
 */
export class HelpRequests1765800000000 implements MigrationInterface {
  name = 'HelpRequests1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "help_request" (
      "message_id" uuid PRIMARY KEY,
      "conversation_id" uuid NOT NULL,
      "sender" text NOT NULL,
      "reference" text NOT NULL,
      "received_at" timestamptz NOT NULL,
      "contact_due_at" timestamptz NOT NULL,
      "urgent" boolean NOT NULL,
      "status" text NOT NULL DEFAULT 'NEW',
      "status_changed_at" timestamptz,
      "resident" jsonb NOT NULL,
      "contact" jsonb NOT NULL,
      "description" text,
      "consent_at" timestamptz NOT NULL,
      "case_reference" text
    )`);
    // the list: urgent first, then the earliest contact deadline
    await q.query(
      `CREATE INDEX "help_request_queue" ON "help_request" ("urgent" DESC, "contact_due_at", "message_id")`,
    );
    await q.query(`CREATE TABLE "help_request_acknowledgement" (
      "message_id" uuid PRIMARY KEY,
      "help_request_id" uuid NOT NULL REFERENCES "help_request" ("message_id"),
      "status" text NOT NULL,
      "sent_at" timestamptz NOT NULL,
      "hub_receipt" text
    )`);
    await q.query(
      `CREATE INDEX "help_request_acknowledgement_request" ON "help_request_acknowledgement" ("help_request_id")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "help_request_acknowledgement"`);
    await q.query(`DROP TABLE IF EXISTS "help_request"`);
  }
}
