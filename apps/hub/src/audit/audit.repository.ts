import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface AuditEntry {
  operator: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: Date;
}

export interface AuditQuery {
  operator?: string;
  action?: string;
  /** id cursor: entries older than this one */
  before?: string;
  limit: number;
}

/** The append-only audit log (the database refuses updates and deletes). */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO "audit_log" ("operator", "action", "target", "detail") VALUES ($1, $2, $3, $4::jsonb)`,
      [
        entry.operator,
        entry.action,
        entry.target,
        entry.detail === null ? null : JSON.stringify(entry.detail),
      ],
    );
  }

  async find(query: AuditQuery): Promise<AuditRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (query.operator) {
      add(`"operator" = ?`, query.operator);
    }
    if (query.action) {
      add(`"action" = ?`, query.action);
    }
    if (query.before) {
      add(`"id" < ?::bigint`, query.before);
    }
    values.push(query.limit);
    const rows: {
      id: string;
      at: Date;
      operator: string | null;
      action: string;
      target: string | null;
      detail: Record<string, unknown> | null;
    }[] = await this.dataSource.query(
      `SELECT "id", "at", "operator", "action", "target", "detail" FROM "audit_log"
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "id" DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }
}
