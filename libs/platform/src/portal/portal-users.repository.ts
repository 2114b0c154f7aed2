import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PortalRole, PortalUserPrincipal, PortalUserRecord } from './portal-user';

interface PortalUserRow {
  id: string;
  username: string;
  password_hash: string;
  role: PortalRole;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

function toRecord(r: PortalUserRow): PortalUserRecord {
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
function updatedRows<T>(result: unknown[]): T[] {
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}

/** Portal users and their sessions: the only code that touches those tables. */
@Injectable()
export class PortalUsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  async count(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "portal_user"`);
    return (row as { n: number }).n;
  }

  async findAll(): Promise<PortalUserRecord[]> {
    const rows: PortalUserRow[] = await this.dataSource.query(
      `SELECT * FROM "portal_user" ORDER BY "username"`,
    );
    return rows.map(toRecord);
  }

  async findByUsername(username: string): Promise<PortalUserRecord | null> {
    const rows: PortalUserRow[] = await this.dataSource.query(
      `SELECT * FROM "portal_user" WHERE "username" = $1`,
      [username],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts unless the username exists; null when it did. */
  async insert(username: string, passwordHash: string, role: PortalRole): Promise<PortalUserRecord | null> {
    const rows: PortalUserRow[] = await this.dataSource.query(
      `INSERT INTO "portal_user" ("username", "password_hash", "role") VALUES ($1, $2, $3)
       ON CONFLICT ("username") DO NOTHING RETURNING *`,
      [username, passwordHash, role],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts the first user (an editor) only while the table is empty (several instances may start at once). */
  async insertFirst(username: string, passwordHash: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`LOCK TABLE "portal_user" IN SHARE ROW EXCLUSIVE MODE`);
      const [row] = await manager.query(`SELECT count(*)::int AS n FROM "portal_user"`);
      if ((row as { n: number }).n > 0) {
        return false;
      }
      await manager.query(
        `INSERT INTO "portal_user" ("username", "password_hash", "role") VALUES ($1, $2, 'editor')`,
        [username, passwordHash],
      );
      return true;
    });
  }

  /**
   * Reserves one login attempt before the password is checked, in one atomic UPDATE (as the hub
   * does for operators): refused (null) when the user is disabled, locked, or `limit` attempts
   * are already counted, so parallel guesses never check more than `limit` passwords. The attempt
   * that reaches `limit` locks the account until `now + lockMs`.
   */
  async reserveLoginAttempt(
    id: string,
    now: Date,
    limit: number,
    lockMs: number,
  ): Promise<{ attempt: number; lockedUntil: Date | null } | null> {
    const result: unknown[] = await this.dataSource.query(
      // Every condition reads the row itself, so a concurrent attempt that waited for the row
      // lock re-checks them against the row as the other attempt left it.
      `UPDATE "portal_user" u SET
         "failed_attempts" = CASE WHEN u."locked_until" <= $2 THEN 1 ELSE u."failed_attempts" + 1 END,
         "locked_until" = CASE
           WHEN (CASE WHEN u."locked_until" <= $2 THEN 1 ELSE u."failed_attempts" + 1 END) >= $3
             THEN $2::timestamptz + ($4::int * interval '1 millisecond')
           ELSE NULL END
       WHERE u."id" = $1
         AND u."disabled_at" IS NULL
         AND (u."locked_until" <= $2 OR (u."locked_until" IS NULL AND u."failed_attempts" < $3))
       RETURNING u."failed_attempts", u."locked_until"`,
      [id, now, limit, lockMs],
    );
    const row = updatedRows<{ failed_attempts: number; locked_until: Date | null }>(result)[0];
    return row ? { attempt: row.failed_attempts, lockedUntil: row.locked_until } : null;
  }

  async recordSuccess(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "portal_user" SET "failed_attempts" = 0, "locked_until" = NULL, "last_login_at" = $2 WHERE "id" = $1`,
      [id, now],
    );
  }

  async insertSession(tokenHash: string, userId: string, now: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "portal_session" ("token_hash", "user_id", "created_at", "expires_at") VALUES ($1, $2, $3, $4)`,
      [tokenHash, userId, now, expiresAt],
    );
    // Expired sessions are useless: drop them now and then, on the way.
    await this.dataSource.query(
      `DELETE FROM "portal_session" WHERE "expires_at" < $1::timestamptz - interval '1 day'`,
      [now],
    );
  }

  async findSession(tokenHash: string, now: Date): Promise<PortalUserPrincipal | null> {
    const rows: { id: string; username: string; role: PortalRole; expires_at: Date }[] =
      await this.dataSource.query(
        `SELECT u."id", u."username", u."role", s."expires_at" FROM "portal_session" s
         JOIN "portal_user" u ON u."id" = s."user_id"
         WHERE s."token_hash" = $1 AND s."expires_at" > $2 AND u."disabled_at" IS NULL`,
        [tokenHash, now],
      );
    const r = rows[0];
    return r
      ? { kind: 'user', id: r.id, username: r.username, role: r.role, sessionExpiresAt: r.expires_at }
      : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM "portal_session" WHERE "token_hash" = $1`, [tokenHash]);
  }

  /** Ends every session of a user but the one given (null ends them all); returns how many. */
  async deleteSessionsOf(userId: string, keepTokenHash: string | null): Promise<number> {
    const result: unknown[] = await this.dataSource.query(
      `DELETE FROM "portal_session" WHERE "user_id" = $1 AND "token_hash" IS DISTINCT FROM $2 RETURNING 1`,
      [userId, keepTokenHash],
    );
    return updatedRows(result).length;
  }

  async updatePasswordHash(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE "portal_user" SET "password_hash" = $2, "password_changed_at" = $3 WHERE "id" = $1`,
      [id, passwordHash, now],
    );
  }

  /** Disables a user; null when there is no such user. */
  async disable(username: string, now: Date): Promise<PortalUserRecord | null> {
    return this.updateOne(
      `UPDATE "portal_user" SET "disabled_at" = COALESCE("disabled_at", $2) WHERE "username" = $1 RETURNING *`,
      [username, now],
    );
  }

  /** Lifts a lockout and forgets the failed attempts; null when there is no such user. */
  async unlock(username: string): Promise<PortalUserRecord | null> {
    return this.updateOne(
      `UPDATE "portal_user" SET "failed_attempts" = 0, "locked_until" = NULL WHERE "username" = $1 RETURNING *`,
      [username],
    );
  }

  async setRole(username: string, role: PortalRole): Promise<PortalUserRecord | null> {
    return this.updateOne(`UPDATE "portal_user" SET "role" = $2 WHERE "username" = $1 RETURNING *`, [
      username,
      role,
    ]);
  }

  private async updateOne(sql: string, values: unknown[]): Promise<PortalUserRecord | null> {
    const row = updatedRows<PortalUserRow>(await this.dataSource.query(sql, values))[0];
    return row ? toRecord(row) : null;
  }
}
