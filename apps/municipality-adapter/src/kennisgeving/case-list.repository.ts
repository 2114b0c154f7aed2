import { Injectable } from '@nestjs/common';
import type { Debtor } from '@skp/messages';
import { DataSource, EntityManager } from 'typeorm';
import type { CreditorState } from './creditor-state';

export interface CaseListFilter {
  attention?: 'OVERDUE' | 'DECLINED' | 'REJECTED';
  caseReferencePrefix?: string;
  limit: number;
  offset: number;
}

export interface CaseRow {
  caseReference: string;
  createdAt: Date;
  debtorLabel: string | null;
}

export interface CaseCreditorRow {
  caseReference: string;
  oin: string;
  state: CreditorState;
  pausedUntil: string | null;
  reasonCode: string | null;
  declineReason: string | null;
}

/** `LIKE` treats % and _ as wildcards: a prefix search means the typed text literally. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Case-level reads for the portal: the case list and each case's debtor. */
@Injectable()
export class CaseListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; `limit + 1` rows tell the caller whether there is a next page. */
  async cases(filter: CaseListFilter): Promise<CaseRow[]> {
    const rows: Array<{ case_reference: string; created_at: Date; label: string | null }> =
      await this.dataSource.query(
        `SELECT k."case_reference", min(k."sent_at") AS "created_at", d."label"
         FROM "kennisgeving" k
         LEFT JOIN "case_debtor" d ON d."case_reference" = k."case_reference"
         WHERE ($1::text IS NULL OR k."case_reference" LIKE $1)
         GROUP BY k."case_reference", d."label"
         HAVING ($2::text IS NULL OR bool_or(k."state" = $2))
         ORDER BY min(k."sent_at") DESC, k."case_reference" DESC
         LIMIT $3 OFFSET $4`,
        [
          filter.caseReferencePrefix ? likePrefix(filter.caseReferencePrefix) : null,
          filter.attention ?? null,
          filter.limit + 1,
          filter.offset,
        ],
      );
    return rows.map((r) => ({
      caseReference: r.case_reference,
      createdAt: new Date(r.created_at),
      debtorLabel: r.label,
    }));
  }

  async creditorsOf(caseReferences: string[]): Promise<CaseCreditorRow[]> {
    if (caseReferences.length === 0) {
      return [];
    }
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `SELECT "case_reference", "creditor_oin", "state", to_char("paused_until", 'YYYY-MM-DD') AS "paused_until",
              "reason_code", "decline_reason"
       FROM "kennisgeving" WHERE "case_reference" = ANY($1::text[])
       ORDER BY "case_reference", "creditor_oin"`,
      [caseReferences],
    );
    return rows.map((r) => ({
      caseReference: r.case_reference!,
      oin: r.creditor_oin!,
      state: r.state as CreditorState,
      pausedUntil: r.paused_until,
      reasonCode: r.reason_code,
      declineReason: r.decline_reason,
    }));
  }

  /** The first submission of a case names its debtor; a repeat leaves it as it was. One statement. */
  async saveDebtors(
    manager: EntityManager,
    debtors: Array<{ caseReference: string; label: string; debtor: Debtor }>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO "case_debtor" ("case_reference", "label", "debtor")
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])
       ON CONFLICT ("case_reference") DO NOTHING`,
      [
        debtors.map((d) => d.caseReference),
        debtors.map((d) => d.label),
        debtors.map((d) => JSON.stringify(d.debtor)),
      ],
    );
  }

  async debtorOf(caseReference: string): Promise<Debtor | null> {
    const rows: Array<{ debtor: Debtor }> = await this.dataSource.query(
      `SELECT "debtor" FROM "case_debtor" WHERE "case_reference" = $1`,
      [caseReference],
    );
    return rows[0]?.debtor ?? null;
  }
}
