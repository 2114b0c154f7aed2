import type { DataSource } from 'typeorm';
import type { AccountRecord, AccountSession, AccountTables } from './account';

interface AccountRow<R extends string> {
  id: string;
  username: string;
  password_hash: string;
  role: R;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

function toRecord<R extends string>(r: AccountRow<R>): AccountRecord<R> {
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

/** TypeORM answers an UPDATE … RETURNING with [rows, affectedCount]; a SELECT with rows. */
export function updatedRows<T>(result: unknown[]): T[] {
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}

/**
 * Accounts and their sessions (operators of the hub, portal users of an adapter): the only code
 * that touches those tables. The table names come from code, never from a request.
 */
export class AccountsRepository<R extends string> {
  private readonly users: string;
  private readonly sessions: string;
  private readonly owner: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tables: AccountTables<R>,
  ) {
    this.users = `"${tables.users}"`;
    this.sessions = `"${tables.sessions}"`;
    this.owner = `"${tables.sessionAccountColumn}"`;
  }

  async count(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${this.users}`);
    return (row as { n: number }).n;
  }

  async findAll(): Promise<AccountRecord<R>[]> {
    const rows: AccountRow<R>[] = await this.dataSource.query(
      `SELECT * FROM ${this.users} ORDER BY "username"`,
    );
    return rows.map(toRecord);
  }

  async findByUsername(username: string): Promise<AccountRecord<R> | null> {
    const rows: AccountRow<R>[] = await this.dataSource.query(
      `SELECT * FROM ${this.users} WHERE "username" = $1`,
      [username],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts unless the username exists; null when it did. */
  async insert(username: string, passwordHash: string, role: R): Promise<AccountRecord<R> | null> {
    const rows: AccountRow<R>[] = await this.dataSource.query(
      `INSERT INTO ${this.users} ("username", "password_hash", "role") VALUES ($1, $2, $3)
       ON CONFLICT ("username") DO NOTHING RETURNING *`,
      [username, passwordHash, role],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts the first account only while the table is empty (several instances may start at once). */
  async insertFirst(username: string, passwordHash: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE ${this.users} IN SHARE ROW EXCLUSIVE MODE`);
      const [row] = await manager.query(`SELECT count(*)::int AS n FROM ${this.users}`);
      if ((row as { n: number }).n > 0) {
        return false;
      }
      await manager.query(
        `INSERT INTO ${this.users} ("username", "password_hash", "role") VALUES ($1, $2, $3)`,
        [username, passwordHash, this.tables.firstRole],
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
      `UPDATE ${this.users} a SET
         "failed_attempts" = CASE WHEN a."locked_until" <= $2 THEN 1 ELSE a."failed_attempts" + 1 END,
         "locked_until" = CASE
           WHEN (CASE WHEN a."locked_until" <= $2 THEN 1 ELSE a."failed_attempts" + 1 END) >= $3
             THEN $2::timestamptz + ($4::int * interval '1 millisecond')
           ELSE NULL END
       WHERE a."id" = $1
         AND a."disabled_at" IS NULL
         AND (a."locked_until" <= $2 OR (a."locked_until" IS NULL AND a."failed_attempts" < $3))
       RETURNING a."failed_attempts", a."locked_until"`,
      [id, now, limit, lockMs],
    );
    const row = updatedRows<{ failed_attempts: number; locked_until: Date | null }>(result)[0];
    return row ? { attempt: row.failed_attempts, lockedUntil: row.locked_until } : null;
  }

  async recordSuccess(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.users} SET "failed_attempts" = 0, "locked_until" = NULL, "last_login_at" = $2 WHERE "id" = $1`,
      [id, now],
    );
  }

  async insertSession(tokenHash: string, accountId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO ${this.sessions} ("token_hash", ${this.owner}, "created_at", "expires_at") VALUES ($1, $2, $3, $4)`,
      [tokenHash, accountId, now, expiresAt],
    );
    // Expired sessions are useless: drop them now and then, on the way.
    await this.dataSource.query(
      `DELETE FROM ${this.sessions} WHERE "expires_at" < $1::timestamptz - interval '1 day'`,
      [now],
    );
  }

  async findSession(tokenHash: string, now: Date): Promise<AccountSession<R> | null> {
    const rows: { id: string; username: string; role: R; expires_at: Date }[] = await this.dataSource.query(
      `SELECT a."id", a."username", a."role", s."expires_at" FROM ${this.sessions} s
       JOIN ${this.users} a ON a."id" = s.${this.owner}
       WHERE s."token_hash" = $1 AND s."expires_at" > $2 AND a."disabled_at" IS NULL`,
      [tokenHash, now],
    );
    const r = rows[0];
    return r ? { id: r.id, username: r.username, role: r.role, sessionExpiresAt: r.expires_at } : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM ${this.sessions} WHERE "token_hash" = $1`, [tokenHash]);
  }

  /** Ends every session of an account but the one given (null ends them all); returns how many. */
  async deleteSessionsOf(accountId: string, keepTokenHash: string | null): Promise<number> {
    const result: unknown[] = await this.dataSource.query(
      `DELETE FROM ${this.sessions} WHERE ${this.owner} = $1 AND "token_hash" IS DISTINCT FROM $2 RETURNING 1`,
      [accountId, keepTokenHash],
    );
    return updatedRows(result).length;
  }

  async updatePasswordHash(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE ${this.users} SET "password_hash" = $2, "password_changed_at" = $3 WHERE "id" = $1`,
      [id, passwordHash, now],
    );
  }

  /** Disables or enables an account; null when there is no such account. */
  async setDisabled(username: string, disabled: boolean, now: Date): Promise<AccountRecord<R> | null> {
    return this.updateOne(
      `UPDATE ${this.users} SET "disabled_at" = CASE WHEN $2 THEN COALESCE("disabled_at", $3) ELSE NULL END
       WHERE "username" = $1 RETURNING *`,
      [username, disabled, now],
    );
  }

  /** Lifts a lockout and forgets the failed attempts; null when there is no such account. */
  async unlock(username: string): Promise<AccountRecord<R> | null> {
    return this.updateOne(
      `UPDATE ${this.users} SET "failed_attempts" = 0, "locked_until" = NULL WHERE "username" = $1 RETURNING *`,
      [username],
    );
  }

  async setRole(username: string, role: R): Promise<AccountRecord<R> | null> {
    return this.updateOne(`UPDATE ${this.users} SET "role" = $2 WHERE "username" = $1 RETURNING *`, [
      username,
      role,
    ]);
  }

  private async updateOne(sql: string, values: unknown[]): Promise<AccountRecord<R> | null> {
    const row = updatedRows<AccountRow<R>>(await this.dataSource.query(sql, values))[0];
    return row ? toRecord(row) : null;
  }
}
