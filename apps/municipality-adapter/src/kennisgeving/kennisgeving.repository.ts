import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { CreditorState } from './creditor-state';
import { KennisgevingEvent } from './entities/kennisgeving-event.entity';
import { KennisgevingRecord } from './entities/kennisgeving-record.entity';
import { ProgressUpdateRecord } from './entities/progress-update-record.entity';

export interface NewEvent {
  messageId: string;
  kind: string;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** A Kennisgeving locked for receipts: what they are checked against. */
export interface LockedKennisgeving {
  messageId: string;
  creditorOin: string;
  state: CreditorState;
}

export interface StatePatch {
  messageId: string;
  state: CreditorState;
  /** set only when the new state brings one (REJECTED) */
  reasonCode?: string | null;
}

/** The only place that queries the adapter's Kennisgeving tables. */
@Injectable()
export class KennisgevingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises submissions of one case, so (caseReference, creditor) is sent at most once. */
  async lockCase(manager: EntityManager, caseReference: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7113))`, [caseReference]);
  }

  /**
   * The same lock for several cases, taken in one fixed order (by lock key), so two bulk submissions cannot deadlock.
   */
  async lockCases(manager: EntityManager, caseReferences: string[]): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock("key") FROM (
         SELECT DISTINCT hashtextextended("ref", 7113) AS "key" FROM unnest($1::text[]) AS "ref"
         ORDER BY 1 OFFSET 0) AS "keys"`,
      [caseReferences],
    );
  }

  findByCase(
    caseReference: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<KennisgevingRecord[]> {
    return manager
      .getRepository(KennisgevingRecord)
      .find({ where: { caseReference }, order: { creditorOin: 'ASC' } });
  }

  /** The Kennisgevingen of several cases, for bulk submissions (state and ids only). */
  findByCases(manager: EntityManager, caseReferences: string[]): Promise<KennisgevingRecord[]> {
    return manager.getRepository(KennisgevingRecord).find({ where: { caseReference: In(caseReferences) } });
  }

  /** New Kennisgevingen in one statement (one array parameter per column). */
  async insertMany(
    manager: EntityManager,
    records: Array<Omit<KennisgevingRecord, 'updatedAt'>>,
  ): Promise<void> {
    if (records.length === 0) {
      return;
    }
    const column = <K extends keyof (typeof records)[number]>(key: K) => records.map((r) => r[key]);
    await manager.query(
      `INSERT INTO "kennisgeving" ("message_id", "case_reference", "creditor_oin", "variant", "state",
         "pause_start", "pause_end", "sent_at", "answer_deadline", "paused_until", "decline_reason", "reason_code")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[],
         $7::date[], $8::timestamptz[], $9::timestamptz[], $10::date[], $11::text[], $12::text[])`,
      [
        column('messageId'),
        column('caseReference'),
        column('creditorOin'),
        column('variant'),
        column('state'),
        column('pauseStart'),
        column('pauseEnd'),
        column('sentAt'),
        column('answerDeadline'),
        column('pausedUntil'),
        column('declineReason'),
        column('reasonCode'),
      ],
    );
  }

  /** Locks the row so concurrent receipts about one Kennisgeving apply one after the other. */
  findForUpdate(manager: EntityManager, messageId: string): Promise<KennisgevingRecord | null> {
    return manager
      .getRepository(KennisgevingRecord)
      .createQueryBuilder('k')
      .setLock('pessimistic_write')
      .where('k.message_id = :messageId', { messageId })
      .getOne();
  }

  /** Locks several Kennisgevingen (in one fixed order) for receipts applied together. */
  async findManyForUpdate(manager: EntityManager, messageIds: string[]): Promise<LockedKennisgeving[]> {
    if (messageIds.length === 0) {
      return [];
    }
    const rows: Array<{ message_id: string; creditor_oin: string; state: CreditorState }> =
      await manager.query(
        `SELECT "message_id", "creditor_oin", "state" FROM "kennisgeving"
       WHERE "message_id" = ANY($1::uuid[]) ORDER BY "message_id" FOR UPDATE`,
        [messageIds],
      );
    return rows.map((r) => ({ messageId: r.message_id, creditorOin: r.creditor_oin, state: r.state }));
  }

  /** New states for several Kennisgevingen in one statement; the reason code only where given. */
  async updateStates(manager: EntityManager, patches: StatePatch[]): Promise<void> {
    if (patches.length === 0) {
      return;
    }
    await manager.query(
      `UPDATE "kennisgeving" AS k SET "state" = u."state", "updated_at" = now(),
         "reason_code" = CASE WHEN u."set_reason" THEN u."reason_code" ELSE k."reason_code" END
       FROM unnest($1::uuid[], $2::text[], $3::bool[], $4::text[]) AS u("message_id", "state", "set_reason", "reason_code")
       WHERE k."message_id" = u."message_id"`,
      [
        patches.map((p) => p.messageId),
        patches.map((p) => p.state),
        patches.map((p) => p.reasonCode !== undefined),
        patches.map((p) => p.reasonCode ?? null),
      ],
    );
  }

  async updateState(
    manager: EntityManager,
    messageId: string,
    patch: Partial<Pick<KennisgevingRecord, 'state' | 'pausedUntil' | 'declineReason' | 'reasonCode'>>,
  ): Promise<void> {
    await manager.getRepository(KennisgevingRecord).update({ messageId }, patch);
  }

  /** Appends events in one statement (one array parameter per column). */
  async addEvents(manager: EntityManager, events: NewEvent[]): Promise<void> {
    if (events.length === 0) {
      return;
    }
    const now = new Date();
    await manager.query(
      `INSERT INTO "kennisgeving_event" ("message_id", "kind", "detail", "at")
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[])`,
      [
        events.map((e) => e.messageId),
        events.map((e) => e.kind),
        events.map((e) => JSON.stringify(e.detail ?? {})),
        events.map((e) => e.at ?? now),
      ],
    );
  }

  async eventsOf(messageIds: string[]): Promise<KennisgevingEvent[]> {
    if (messageIds.length === 0) {
      return [];
    }
    return this.dataSource
      .getRepository(KennisgevingEvent)
      .find({ where: { messageId: In(messageIds) }, order: { id: 'ASC' } });
  }

  async insertProgress(manager: EntityManager, record: ProgressUpdateRecord): Promise<void> {
    await manager.getRepository(ProgressUpdateRecord).insert(record);
  }

  findProgressForUpdate(manager: EntityManager, messageId: string): Promise<ProgressUpdateRecord | null> {
    return manager
      .getRepository(ProgressUpdateRecord)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.message_id = :messageId', { messageId })
      .getOne();
  }

  async updateProgressState(manager: EntityManager, messageId: string, state: string): Promise<void> {
    await manager.getRepository(ProgressUpdateRecord).update({ messageId }, { state });
  }

  /**
   * Moves every Kennisgeving still waiting for an answer past its deadline to OVERDUE, with an
   * event each, in one statement; safe when several instances run the job at once.
   */
  async markOverdue(now: Date, waiting: CreditorState[]): Promise<number> {
    const rows: Array<{ message_id: string }> = await this.dataSource.query(
      `WITH overdue AS (
         UPDATE "kennisgeving" SET "state" = 'OVERDUE', "updated_at" = now()
         WHERE "message_id" IN (
           SELECT "message_id" FROM "kennisgeving"
           WHERE "state" = ANY($2::text[]) AND "answer_deadline" <= $1
           ORDER BY "answer_deadline" LIMIT 1000 FOR UPDATE SKIP LOCKED)
         RETURNING "message_id", "answer_deadline")
       INSERT INTO "kennisgeving_event" ("message_id", "at", "kind", "detail")
       SELECT "message_id", $1, 'OVERDUE', jsonb_build_object('answerDeadline', "answer_deadline")
       FROM overdue RETURNING "message_id"`,
      [now, waiting],
    );
    return rows.length;
  }
}
