import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OperatorRole } from '../access/roles.decorator';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import type { OperatorRecord } from './operator';

interface OperatorRow {
  id: string;
  username: string;
  password_hash: string;
  role: OperatorRole;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

function toRecord(r: OperatorRow): OperatorRecord {
  return {
    id: r.id,
    username: r.username,
    passwordHash: r.password_hash,
    role: r.role,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
    disabledAt: r.disabled_at,
  };
}

/** Operators and their sessions: the only code that touches those tables. */
@Injectable()
export class OperatorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async count(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "operator"`);
    return (row as { n: number }).n;
  }

  async findAll(): Promise<OperatorRecord[]> {
    const rows: OperatorRow[] = await this.dataSource.query(`SELECT * FROM "operator" ORDER BY "username"`);
    return rows.map(toRecord);
  }

  async findByUsername(username: string): Promise<OperatorRecord | null> {
    const rows: OperatorRow[] = await this.dataSource.query(
      `SELECT * FROM "operator" WHERE "username" = $1`,
      [username],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts unless the username exists; returns null when it did. */
  async insert(username: string, passwordHash: string, role: OperatorRole): Promise<OperatorRecord | null> {
    const rows: OperatorRow[] = await this.dataSource.query(
      `INSERT INTO "operator" ("username", "password_hash", "role") VALUES ($1, $2, $3)
       ON CONFLICT ("username") DO NOTHING RETURNING *`,
      [username, passwordHash, role],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts the first operator only while the table is empty (several hubs may start at once). */
  async insertFirst(username: string, passwordHash: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE "operator" IN SHARE ROW EXCLUSIVE MODE`);
      const [row] = await manager.query(`SELECT count(*)::int AS n FROM "operator"`);
      if ((row as { n: number }).n > 0) {
        return false;
      }
      await manager.query(
        `INSERT INTO "operator" ("username", "password_hash", "role") VALUES ($1, $2, 'admin')`,
        [username, passwordHash],
      );
      return true;
    });
  }

  /**
   * Reserves one login attempt before the password is checked, in one atomic UPDATE: the attempt
   * counts as failed until the password proves right (recordSuccess resets it). Refused (null)
   * when the account is disabled, locked, or `limit` attempts are already counted, so parallel
   * guesses can never check more than `limit` passwords. The attempt that reaches `limit` locks
   * the account at once (until `now + lockMs`); the first attempt after an expired lock counts
   * from one again.
   */
  async reserveLoginAttempt(
    id: string,
    now: Date,
    limit: number,
    lockMs: number,
  ): Promise<{ attempt: number; lockedUntil: Date | null } | null> {
    const result: unknown[] = await this.dataSource.query(
      // No CTE or sub-select: every condition reads the row itself, so a concurrent attempt that
      // waited for this row's lock re-checks them against the row as the other attempt left it.
      `UPDATE "operator" o SET
         "failed_attempts" = CASE WHEN o."locked_until" <= $2 THEN 1 ELSE o."failed_attempts" + 1 END,
         "locked_until" = CASE
           WHEN (CASE WHEN o."locked_until" <= $2 THEN 1 ELSE o."failed_attempts" + 1 END) >= $3
             THEN $2::timestamptz + ($4::int * interval '1 millisecond')
           ELSE NULL END
       WHERE o."id" = $1
         AND o."disabled_at" IS NULL
         AND (o."locked_until" <= $2 OR (o."locked_until" IS NULL AND o."failed_attempts" < $3))
       RETURNING o."failed_attempts", o."locked_until"`,
      [id, now, limit, lockMs],
    );
    const row = updatedRows<{ failed_attempts: number; locked_until: Date | null }>(result)[0];
    return row ? { attempt: row.failed_attempts, lockedUntil: row.locked_until } : null;
  }

  async recordSuccess(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "operator" SET "failed_attempts" = 0, "locked_until" = NULL, "last_login_at" = $2 WHERE "id" = $1`,
      [id, now],
    );
  }

  async insertSession(tokenHash: string, operatorId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "operator_session" ("token_hash", "operator_id", "created_at", "expires_at") VALUES ($1, $2, $3, $4)`,
      [tokenHash, operatorId, now, expiresAt],
    );
    // Expired sessions are useless: drop them now and then, on the way.
    await this.dataSource.query(
      `DELETE FROM "operator_session" WHERE "expires_at" < $1::timestamptz - interval '1 day'`,
      [now],
    );
  }

  async findSession(tokenHash: string, now: Date): Promise<AuthenticatedOperator | null> {
    const rows: { id: string; username: string; role: OperatorRole; expires_at: Date }[] =
      await this.dataSource.query(
        `SELECT o."id", o."username", o."role", s."expires_at" FROM "operator_session" s
       JOIN "operator" o ON o."id" = s."operator_id"
       WHERE s."token_hash" = $1 AND s."expires_at" > $2 AND o."disabled_at" IS NULL`,
        [tokenHash, now],
      );
    const r = rows[0];
    return r ? { id: r.id, username: r.username, role: r.role, sessionExpiresAt: r.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "operator_session" WHERE "token_hash" = $1`, [tokenHash]);
  }

  /** Ends every session of an operator but the one given (null ends them all); returns how many. */
  async deleteSessionsOf(operatorId: string, keepTokenHash: string | null): Promise<number> {
    const result: unknown[] = await this.dataSource.query(
      `DELETE FROM "operator_session" WHERE "operator_id" = $1 AND "token_hash" IS DISTINCT FROM $2 RETURNING 1`,
      [operatorId, keepTokenHash],
    );
    return updatedRows(result).length;
  }

  async updatePasswordHash(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "operator" SET "password_hash" = $2, "password_changed_at" = $3 WHERE "id" = $1`,
      [id, passwordHash, now],
    );
  }

  /** Disables or enables an operator; null when there is no such operator. */
  async setDisabled(username: string, disabled: boolean, now: Date): Promise<OperatorRecord | null> {
    const result: unknown[] = await this.dataSource.query(
      `UPDATE "operator" SET "disabled_at" = CASE WHEN $2 THEN COALESCE("disabled_at", $3) ELSE NULL END
       WHERE "username" = $1 RETURNING *`,
      [username, disabled, now],
    );
    const row = updatedRows<OperatorRow>(result)[0];
    return row ? toRecord(row) : null;
  }
}

/** TypeORM answers an UPDATE … RETURNING with [rows, affectedCount]; a SELECT with rows. */
export function updatedRows<T>(result: unknown[]): T[] {
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
