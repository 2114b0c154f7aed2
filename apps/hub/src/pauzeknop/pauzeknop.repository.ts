import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface HelpRequestOverviewRow {
  message_id: string;
  reference: string | null;
  recipient: string;
  received_at: Date;
  deadline_at: Date | null;
  state: string;
  conversation_state: string | null;
}

export interface MunicipalityHelpRequestRow {
  recipient: string;
  total: number;
  open: number;
  overdue: number;
}

/**
 * The Pauzeknop's own reads and its one table: which proof-of-work challenges were used. The
 * HelpRequest rows themselves are written by the delivery record; here they are only read,
 * metadata only (never `raw`).
 */
@Injectable()
export class PauzeknopRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True the first time a challenge is used; false when it was used before (by any hub). */
  async useChallenge(id: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.dataSource.query(`DELETE FROM "pauzeknop_challenge_use" WHERE "expires_at" < $1`, [now]);
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO "pauzeknop_challenge_use" ("challenge_id", "expires_at") VALUES ($1, $2)
       ON CONFLICT ("challenge_id") DO NOTHING RETURNING 1`,
      [id, expiresAt],
    );
    return rows.length === 1;
  }

  /** The most recent HelpRequests with their reference, newest first. */
  async recentHelpRequests(limit: number): Promise<HelpRequestOverviewRow[]> {
    return this.dataSource.query(
      `SELECT m."message_id", e."detail" ->> 'helpRequestReference' AS "reference", m."recipient",
              m."received_at", m."deadline_at", m."state", m."conversation_state"
       FROM "message" m
       LEFT JOIN "message_event" e ON e."message_id" = m."message_id" AND e."kind" = 'ROUTED'
            AND e."detail" ? 'helpRequestReference'
       WHERE m."type" = 'HelpRequest' AND m."state" <> 'REJECTED'
       ORDER BY m."received_at" DESC, m."message_id" LIMIT $1`,
      [limit],
    );
  }

  /** Per municipality: all HelpRequests, those still waiting for contact, and those overdue. */
  async helpRequestsByMunicipality(): Promise<MunicipalityHelpRequestRow[]> {
    return this.dataSource.query(
      `SELECT "recipient", count(*)::int AS "total",
              (count(*) FILTER (WHERE "conversation_state" = 'REQUESTED'))::int AS "open",
              (count(*) FILTER (WHERE "state" = 'OVERDUE'))::int AS "overdue"
       FROM "message" WHERE "type" = 'HelpRequest' AND "state" <> 'REJECTED' AND "recipient" IS NOT NULL
       GROUP BY "recipient" ORDER BY "recipient"`,
    );
  }
}
