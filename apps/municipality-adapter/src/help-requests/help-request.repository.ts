import { Injectable } from '@nestjs/common';
import type { Debtor, HelpRequestStatus, ResidentContact } from '@skp/messages';
import { DataSource, EntityManager } from 'typeorm';
import type { HelpRequestState } from './help-request-state';

export interface HelpRequestRow {
  messageId: string;
  conversationId: string;
  sender: string;
  reference: string;
  receivedAt: Date;
  contactDueAt: Date;
  urgent: boolean;
  status: HelpRequestState;
  statusChangedAt: Date | null;
  resident: Debtor;
  contact: ResidentContact;
  description: string | null;
  consentAt: Date;
  caseReference: string | null;
}

export interface AcknowledgementRow {
  messageId: string;
  status: HelpRequestStatus;
  sentAt: Date;
  hubReceipt: string | null;
}

type NewHelpRequest = Omit<HelpRequestRow, 'status' | 'statusChangedAt' | 'caseReference'>;

const COLUMNS = `"message_id", "conversation_id", "sender", "reference", "received_at", "contact_due_at",
  "urgent", "status", "status_changed_at", "resident", "contact", "description", "consent_at", "case_reference"`;

interface Raw {
  message_id: string;
  conversation_id: string;
  sender: string;
  reference: string;
  received_at: Date;
  contact_due_at: Date;
  urgent: boolean;
  status: HelpRequestState;
  status_changed_at: Date | null;
  resident: Debtor;
  contact: ResidentContact;
  description: string | null;
  consent_at: Date;
  case_reference: string | null;
}

const toRow = (r: Raw): HelpRequestRow => ({
  messageId: r.message_id,
  conversationId: r.conversation_id,
  sender: r.sender,
  reference: r.reference,
  receivedAt: new Date(r.received_at),
  contactDueAt: new Date(r.contact_due_at),
  urgent: r.urgent,
  status: r.status,
  statusChangedAt: r.status_changed_at ? new Date(r.status_changed_at) : null,
  resident: r.resident,
  contact: r.contact,
  description: r.description,
  consentAt: new Date(r.consent_at),
  caseReference: r.case_reference,
});

/** The municipality's record of residents' HelpRequests and the acknowledgements it sent about them. */
@Injectable()
export class HelpRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a request once; false when its messageId was stored before. */
  async insert(manager: EntityManager, request: NewHelpRequest): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO "help_request" ("message_id", "conversation_id", "sender", "reference", "received_at",
         "contact_due_at", "urgent", "resident", "contact", "description", "consent_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ("message_id") DO NOTHING RETURNING "message_id"`,
      [
        request.messageId,
        request.conversationId,
        request.sender,
        request.reference,
        request.receivedAt,
        request.contactDueAt,
        request.urgent,
        JSON.stringify(request.resident),
        JSON.stringify(request.contact),
        request.description,
        request.consentAt,
      ],
    );
    return inserted.length > 0;
  }

  /** Urgent first, then the earliest contact deadline; open requests before finished ones. */
  async list(limit: number, offset: number): Promise<HelpRequestRow[]> {
    const rows: Raw[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "help_request"
       ORDER BY ("status" IN ('ADMITTED', 'REFERRED', 'NOT_ADMITTED')), "urgent" DESC, "contact_due_at", "message_id"
       LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return rows.map(toRow);
  }

  async find(messageId: string): Promise<HelpRequestRow | undefined> {
    const rows: Raw[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM "help_request" WHERE "message_id" = $1`,
      [messageId],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async findForUpdate(manager: EntityManager, messageId: string): Promise<HelpRequestRow | undefined> {
    const rows: Raw[] = await manager.query(
      `SELECT ${COLUMNS} FROM "help_request" WHERE "message_id" = $1 FOR UPDATE`,
      [messageId],
    );
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async updateStatus(
    manager: EntityManager,
    messageId: string,
    change: { status: HelpRequestStatus; at: Date; caseReference?: string },
  ): Promise<void> {
    await manager.query(
      `UPDATE "help_request" SET "status" = $2, "status_changed_at" = $3,
         "case_reference" = COALESCE($4, "case_reference") WHERE "message_id" = $1`,
      [messageId, change.status, change.at, change.caseReference ?? null],
    );
  }

  async insertAcknowledgement(
    manager: EntityManager,
    ack: { messageId: string; helpRequestId: string; status: HelpRequestStatus; sentAt: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "help_request_acknowledgement" ("message_id", "help_request_id", "status", "sent_at")
       VALUES ($1, $2, $3, $4)`,
      [ack.messageId, ack.helpRequestId, ack.status, ack.sentAt],
    );
  }

  async acknowledgements(helpRequestId: string): Promise<AcknowledgementRow[]> {
    const rows: Array<{
      message_id: string;
      status: HelpRequestStatus;
      sent_at: Date;
      hub_receipt: string | null;
    }> = await this.dataSource.query(
      `SELECT "message_id", "status", "sent_at", "hub_receipt" FROM "help_request_acknowledgement"
         WHERE "help_request_id" = $1 ORDER BY "sent_at", "message_id"`,
      [helpRequestId],
    );
    return rows.map((r) => ({
      messageId: r.message_id,
      status: r.status,
      sentAt: new Date(r.sent_at),
      hubReceipt: r.hub_receipt,
    }));
  }

  /** Records the hub's receipt about an acknowledgement; false when it is about no acknowledgement. */
  async recordAcknowledgementReceipt(
    manager: EntityManager,
    ackId: string,
    status: string,
  ): Promise<boolean> {
    const updated: unknown[] = await manager.query(
      `UPDATE "help_request_acknowledgement" SET "hub_receipt" = $2
       WHERE "message_id" = $1 AND ("hub_receipt" IS NULL OR $2 = 'REJECTED') RETURNING "message_id"`,
      [ackId, status],
    );
    if (updated.length > 0) {
      return true;
    }
    const known: unknown[] = await manager.query(
      `SELECT 1 FROM "help_request_acknowledgement" WHERE "message_id" = $1`,
      [ackId],
    );
    return known.length > 0;
  }

  /**
   * Deletes the requests decided as not for this municipality's debt counselling (REFERRED,
   * NOT_ADMITTED) before `decidedBefore`, with the resident's data and their acknowledgements.
   * Admitted requests live on as their case; undecided ones stay until someone decides them.
   */
  async purgeNotAdmitted(decidedBefore: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (
         SELECT "message_id" FROM "help_request"
         WHERE "status" IN ('REFERRED', 'NOT_ADMITTED') AND "status_changed_at" <= $1
       ), acks AS (
         DELETE FROM "help_request_acknowledgement" WHERE "help_request_id" IN (SELECT "message_id" FROM gone)
       )
       DELETE FROM "help_request" WHERE "message_id" IN (SELECT "message_id" FROM gone) RETURNING "message_id"`,
      [decidedBefore],
    );
    return rows.length;
  }
}
