import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * One audit row: who (a portal username; null for the API token or an unknown user), what
 * (`auth.login`, `POST /kennisgevingen/:caseReference/progress`), the target id and the status.
 * Never a request body or query value: they hold personal data.
 */
export interface PortalAuditEntry {
  username: string | null;
  /** who acted: a portal user, the API token, the CLI, or the adapter itself (the first user) */
  kind?: 'user' | 'api' | 'cli' | 'system';
  action: string;
  target: string | null;
  status?: number | null;
  detail?: Record<string, unknown> | null;
}

export interface PortalAuditRecord {
  id: string;
  at: Date;
  username: string | null;
  kind: string;
  action: string;
  target: string | null;
  status: number | null;
  detail: Record<string, unknown> | null;
}

/** The append-only portal audit (the database refuses updates and deletes). */
@Injectable()
export class PortalAuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: PortalAuditEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "portal_audit" ("username", "kind", "action", "target", "status", "detail")
       VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
      [
        entry.username,
        entry.kind ?? 'user',
        entry.action,
        entry.target,
        entry.status ?? null,
        entry.detail ? JSON.stringify(entry.detail) : null,
      ],
    );
  }

  /** Newest first; `before` is an id cursor (rows older than that one). */
  async find(query: { username?: string; before?: string; limit: number }): Promise<PortalAuditRecord[]> {
    const rows: PortalAuditRecord[] = await this.dataSource.query(
      `SELECT "id", "at", "username", "kind", "action", "target", "status", "detail" FROM "portal_audit"
       WHERE ($1::text IS NULL OR "username" = $1) AND ($2::bigint IS NULL OR "id" < $2::bigint)
       ORDER BY "id" DESC LIMIT $3`,
      [query.username ?? null, query.before ?? null, query.limit],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }
}
