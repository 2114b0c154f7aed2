import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DeadLetterTableRow } from '../delivery-record/record-tables';

/** A dead letter without its content: what operators see. */
export type DeadLetterMetaRow = Omit<DeadLetterTableRow, 'content' | 'properties' | 'purged_at'> & {
  has_content: boolean;
};

const META = `"id", "at", "message_id", "type", "reason_code", "reason", "queue", "routing_key", "redelivered_at",
  ("content" IS NOT NULL) AS "has_content"`;

export interface DeadLetterFilter {
  open?: boolean;
  queue?: string;
  before?: string;
}

@Injectable()
export class DeadLetterQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findPage(filter: DeadLetterFilter, limit: number): Promise<DeadLetterMetaRow[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.open !== undefined) {
      where.push(filter.open ? `"redelivered_at" IS NULL` : `"redelivered_at" IS NOT NULL`);
    }
    if (filter.queue) {
      values.push(filter.queue);
      where.push(`"queue" = $${values.length}`);
    }
    if (filter.before) {
      values.push(filter.before);
      where.push(`"id" < $${values.length}::bigint`);
    }
    values.push(limit);
    const rows: DeadLetterMetaRow[] = await this.dataSource.query(
      `SELECT ${META} FROM "dead_letter" ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY "id" DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }

  async findMany(ids: string[]): Promise<DeadLetterMetaRow[]> {
    const rows: DeadLetterMetaRow[] = await this.dataSource.query(
      `SELECT ${META} FROM "dead_letter" WHERE "id" = ANY($1::bigint[]) ORDER BY "id"`,
      [ids],
    );
    return rows.map((r) => ({ ...r, id: String(r.id) }));
  }
}
