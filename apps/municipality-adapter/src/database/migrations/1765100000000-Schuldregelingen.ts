import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Collectief Schuldregelen (DESIGN §9): a dossier per case, one row per (case, creditor) with its
 * BalanceRequest, statement, proposal and answer, the other messages sent in those conversations
 * (for their receipts), and the StatusRequests creditors sent. No BSN, no name, no address: what a
 * creditor needs of the debtor travels in the BalanceRequest only.
 */
export class Schuldregelingen1765100000000 implements MigrationInterface {
  name = 'Schuldregelingen1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "schuldregeling" (
      "case_reference" text PRIMARY KEY,
      "collective" boolean NOT NULL,
      "state" text NOT NULL,
      "arrangement_type" text,
      "payout_percentage" text,
      "total_debt_cents" bigint,
      "available_cents" bigint,
      "term_months" int,
      "start_date" date,
      "end_date" date,
      "end_reason" text,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE "schuldregeling_creditor" (
      "request_id" uuid PRIMARY KEY,
      "case_reference" text NOT NULL REFERENCES "schuldregeling" ("case_reference"),
      "creditor_oin" text NOT NULL,
      "variant" text NOT NULL,
      "state" text NOT NULL,
      "reason_code" text,
      "sent_at" timestamptz NOT NULL,
      "answer_deadline" timestamptz NOT NULL,
      "statement_id" uuid,
      "claims" jsonb,
      "total_outstanding_cents" bigint,
      "pre_approval" boolean,
      "payment_reference" text,
      "proposal_id" uuid,
      "creditor_total_cents" bigint,
      "offered_amount_cents" bigint,
      "response_id" uuid,
      "decision" text,
      "reject_reason" text,
      "by_pre_approval" boolean,
      "updated_at" timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX "schuldregeling_creditor_case_creditor"
      ON "schuldregeling_creditor" ("case_reference", "creditor_oin")`);
    await q.query(`CREATE TABLE "schuldregeling_message" (
      "message_id" uuid PRIMARY KEY,
      "request_id" uuid NOT NULL REFERENCES "schuldregeling_creditor" ("request_id"),
      "type" text NOT NULL,
      "state" text NOT NULL,
      "sent_at" timestamptz NOT NULL)`);
    await q.query(`CREATE TABLE "status_request" (
      "message_id" uuid PRIMARY KEY,
      "conversation_id" uuid NOT NULL,
      "conversation_type" text NOT NULL,
      "creditor_oin" text NOT NULL,
      "case_reference" text NOT NULL,
      "question" text,
      "received_at" timestamptz NOT NULL,
      "answer_id" uuid,
      "answer_status" text,
      "answered_at" timestamptz)`);
    await q.query(
      `CREATE INDEX "status_request_open" ON "status_request" ("received_at") WHERE "answer_id" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "status_request"`);
    await q.query(`DROP TABLE "schuldregeling_message"`);
    await q.query(`DROP TABLE "schuldregeling_creditor"`);
    await q.query(`DROP TABLE "schuldregeling"`);
  }
}
