import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { SchuldregelingCreditorState, StoredDossierState } from './schuldregeling-state';
import { SchuldregelingCreditor } from './entities/schuldregeling-creditor.entity';
import { SchuldregelingMessage } from './entities/schuldregeling-message.entity';
import { SchuldregelingDossier } from './entities/schuldregeling.entity';
import { StatusRequestRecord } from './entities/status-request.entity';

/** The only place that queries the Schuldregeling tables. */
@Injectable()
export class SchuldregelingRepository {
  constructor(private readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Creates the dossier when it is new, then locks it: submissions, proposals and answers about one
   * case apply one after the other (so "every creditor accepted" is seen exactly once).
   */
  async ensureAndLock(
    manager: EntityManager,
    caseReference: string,
    collective: boolean,
  ): Promise<SchuldregelingDossier> {
    await manager.query(
      `INSERT INTO "schuldregeling" ("case_reference", "collective", "state") VALUES ($1, $2, 'OPEN')
       ON CONFLICT ("case_reference") DO NOTHING`,
      [caseReference, collective],
    );
    return (await this.lockDossier(manager, caseReference))!;
  }

  lockDossier(manager: EntityManager, caseReference: string): Promise<SchuldregelingDossier | null> {
    return manager
      .getRepository(SchuldregelingDossier)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.case_reference = :caseReference', { caseReference })
      .getOne();
  }

  /** Newest first, with per dossier its creditors' states, how many answered and the debt stated so far. */
  async listDossiers(
    limit: number,
    offset: number,
  ): Promise<
    Array<{
      caseReference: string;
      state: StoredDossierState;
      createdAt: Date;
      creditorStates: SchuldregelingCreditorState[];
      answered: number;
      totalOutstandingCents: number;
    }>
  > {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d."case_reference", d."state", d."created_at",
              coalesce(array_agg(c."state") FILTER (WHERE c."request_id" IS NOT NULL), '{}') AS "creditor_states",
              count(c."statement_id")::int AS "answered",
              coalesce(sum(c."total_outstanding_cents"), 0)::text AS "total"
       FROM "schuldregeling" d
       LEFT JOIN "schuldregeling_creditor" c ON c."case_reference" = d."case_reference"
       GROUP BY d."case_reference"
       ORDER BY d."created_at" DESC, d."case_reference" DESC
       LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return rows.map((r) => ({
      caseReference: r.case_reference as string,
      state: r.state as StoredDossierState,
      createdAt: new Date(r.created_at as string),
      creditorStates: r.creditor_states as SchuldregelingCreditorState[],
      answered: r.answered as number,
      totalOutstandingCents: Number(r.total),
    }));
  }

  findDossier(caseReference: string): Promise<SchuldregelingDossier | null> {
    return this.dataSource.getRepository(SchuldregelingDossier).findOneBy({ caseReference });
  }

  async updateDossier(
    manager: EntityManager,
    caseReference: string,
    patch: Partial<Omit<SchuldregelingDossier, 'caseReference' | 'createdAt' | 'updatedAt'>>,
  ): Promise<void> {
    await manager.getRepository(SchuldregelingDossier).update({ caseReference }, patch);
  }

  creditorsOf(
    caseReference: string,
    manager: EntityManager = this.manager,
  ): Promise<SchuldregelingCreditor[]> {
    return manager
      .getRepository(SchuldregelingCreditor)
      .find({ where: { caseReference }, order: { creditorOin: 'ASC' } });
  }

  findCreditor(manager: EntityManager, requestId: string): Promise<SchuldregelingCreditor | null> {
    return manager.getRepository(SchuldregelingCreditor).findOneBy({ requestId });
  }

  async insertCreditor(manager: EntityManager, row: Partial<SchuldregelingCreditor>): Promise<void> {
    await manager.getRepository(SchuldregelingCreditor).insert(row);
  }

  async updateCreditor(
    manager: EntityManager,
    requestId: string,
    patch: Partial<Omit<SchuldregelingCreditor, 'requestId' | 'updatedAt'>>,
  ): Promise<void> {
    await manager.getRepository(SchuldregelingCreditor).update({ requestId }, patch);
  }

  async insertMessage(manager: EntityManager, row: SchuldregelingMessage): Promise<void> {
    await manager.getRepository(SchuldregelingMessage).insert(row);
  }

  findMessage(manager: EntityManager, messageId: string): Promise<SchuldregelingMessage | null> {
    return manager.getRepository(SchuldregelingMessage).findOneBy({ messageId });
  }

  async updateMessageState(manager: EntityManager, messageId: string, state: string): Promise<void> {
    await manager.getRepository(SchuldregelingMessage).update({ messageId }, { state });
  }

  async insertStatusRequest(manager: EntityManager, row: StatusRequestRecord): Promise<void> {
    await manager.getRepository(StatusRequestRecord).insert(row);
  }

  findStatusRequest(manager: EntityManager, messageId: string): Promise<StatusRequestRecord | null> {
    return manager
      .getRepository(StatusRequestRecord)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.message_id = :messageId', { messageId })
      .getOne();
  }

  async answerStatusRequest(
    manager: EntityManager,
    messageId: string,
    answer: { answerId: string; answerStatus: string },
  ): Promise<void> {
    await manager
      .getRepository(StatusRequestRecord)
      .update({ messageId }, { ...answer, answeredAt: new Date() });
  }

  openStatusRequests(): Promise<StatusRequestRecord[]> {
    return this.dataSource
      .getRepository(StatusRequestRecord)
      .find({ where: { answerId: IsNull() }, order: { receivedAt: 'ASC' }, take: 500 });
  }
}
