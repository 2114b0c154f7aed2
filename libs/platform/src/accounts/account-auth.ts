import { HttpException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { hashPassword, passwordRuleProblem } from '../auth/password';
import { badField } from '../http/http-errors';
import type { AccountRecord, AccountSession } from './account';
import type { AccountAuditSink } from './account-audit';
import {
  AccountErrorStyle,
  badCredentials,
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  lockedException,
} from './account-errors';
import type { AccountsRepository } from './accounts.repository';
import type { PasswordChecker } from './password-checker';

export interface AccountAuthOptions {
  /** fixed session lifetime */
  sessionTtlMinutes: number;
  /** login attempts per client address per minute */
  loginRateLimit: number;
  /** NODE_ENV=production: passwords need 16 characters instead of 12 */
  production: boolean;
  /** how the audit names a refused disabled account: 'operator disabled' or 'user disabled' */
  accountNoun: string;
  errorStyle: AccountErrorStyle;
}

export interface LoginResult<R extends string> {
  token: string;
  expiresAt: string;
  role: R;
  username: string;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Login, sessions, logout and own password change of one kind of account (the hub's operators,
 * an adapter's portal users). Sessions are random bearer tokens stored only as a hash, with a
 * fixed lifetime. Every password check first reserves an attempt in the database, so the lockout
 * bounds the checks even when guesses arrive in parallel.
 */
export class AccountAuth<R extends string> {
  private readonly rateLimiter: LoginRateLimiter;

  constructor(
    private readonly accounts: AccountsRepository<R>,
    private readonly audit: AccountAuditSink,
    private readonly passwords: PasswordChecker,
    private readonly options: AccountAuthOptions,
  ) {
    this.rateLimiter = new LoginRateLimiter(options.loginRateLimit);
  }

  /** Counts a login attempt from a client address: null when allowed, else the seconds to wait. */
  async countLoginAttempt(clientAddress: string): Promise<number | null> {
    const retryAfter = this.rateLimiter.take(clientAddress);
    if (retryAfter !== null) {
      await this.record(null, 'auth.login_rate_limited', null, 429, { retryAfterSeconds: retryAfter });
    }
    return retryAfter;
  }

  async login(username: string, password: string, now = new Date()): Promise<LoginResult<R>> {
    const account = await this.accounts.findByUsername(username);
    if (!account || account.disabledAt) {
      await this.passwords.decoy(password);
      // The attempted name stays out of the audit: people type passwords into the username field.
      const name = account?.username ?? null;
      await this.record(name, account ? 'auth.login_refused_disabled' : 'auth.login_failed', name, 401, {
        reason: account ? `${this.options.accountNoun} disabled` : 'unknown username',
      });
      throw badCredentials(this.options.errorStyle);
    }
    await this.checkOwnPassword(account, password, now);
    await this.accounts.recordSuccess(account.id, now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMinutes * 60_000);
    await this.accounts.insertSession(hashSessionToken(token), account.id, now, expiresAt);
    await this.record(account.username, 'auth.login', account.username, 200, { role: account.role });
    return { token, expiresAt: expiresAt.toISOString(), role: account.role, username: account.username };
  }

  /** The account behind a session token, or null when the token is unknown or its session expired. */
  authenticate(token: string, now = new Date()): Promise<AccountSession<R> | null> {
    return this.accounts.findSession(hashSessionToken(token), now);
  }

  async logout(token: string, who: AccountSession<R>): Promise<void> {
    await this.accounts.deleteSession(hashSessionToken(token));
    await this.record(who.username, 'auth.logout', who.username, 204, null);
  }

  /**
   * Changes the account's own password after checking the current one (under the same lockout
   * as a login), and ends every other session of the account.
   */
  async changePassword(
    who: AccountSession<R>,
    sessionToken: string,
    currentPassword: string,
    newPassword: string,
    now = new Date(),
  ): Promise<{ revokedSessions: number }> {
    const problem = passwordRuleProblem(newPassword, this.options.production);
    if (problem) {
      throw badField('newPassword', 'password-rule', `newPassword: ${problem}`);
    }
    if (newPassword === currentPassword) {
      throw badField(
        'newPassword',
        'differs-from-current',
        'newPassword: must differ from the current password',
      );
    }
    const account = await this.accounts.findByUsername(who.username);
    if (!account || account.disabledAt) {
      throw badCredentials(this.options.errorStyle);
    }
    // A wrong current password is a bad request, not a bad session: the session stays valid.
    await this.checkOwnPassword(account, currentPassword, now, () =>
      badField('currentPassword', 'current-password', 'currentPassword: is incorrect'),
    );
    await this.accounts.recordSuccess(account.id, now);
    await this.accounts.updatePasswordHash(account.id, await hashPassword(newPassword), now);
    const revokedSessions = await this.accounts.deleteSessionsOf(account.id, hashSessionToken(sessionToken));
    await this.record(account.username, 'auth.password_changed', account.username, 200, { revokedSessions });
    return { revokedSessions };
  }

  /** Reserves an attempt (or refuses: locked), then checks the password; throws on a wrong one. */
  private async checkOwnPassword(
    account: AccountRecord<R>,
    password: string,
    now: Date,
    wrong: () => HttpException = () => badCredentials(this.options.errorStyle),
  ): Promise<void> {
    const name = account.username;
    const attempt = await this.accounts.reserveLoginAttempt(account.id, now, LOCKOUT_THRESHOLD, LOCKOUT_MS);
    if (!attempt) {
      const current = await this.accounts.findByUsername(name);
      await this.record(name, 'auth.login_refused_locked', name, current?.disabledAt ? 401 : 423, {
        lockedUntil: current?.lockedUntil?.toISOString() ?? null,
      });
      if (current?.disabledAt) {
        throw badCredentials(this.options.errorStyle);
      }
      throw lockedException(this.options.errorStyle, current?.lockedUntil ?? null);
    }
    if (await this.passwords.check(password, account.passwordHash)) {
      return;
    }
    await this.record(name, 'auth.login_failed', name, wrong().getStatus(), {
      reason: 'wrong password',
      failedAttempts: attempt.attempt,
    });
    if (attempt.attempt === LOCKOUT_THRESHOLD && attempt.lockedUntil) {
      await this.record(name, 'auth.locked', name, null, {
        failedAttempts: attempt.attempt,
        lockedUntil: attempt.lockedUntil.toISOString(),
      });
    }
    throw wrong();
  }

  private record(
    username: string | null,
    action: string,
    target: string | null,
    status: number | null,
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    return this.audit.record({ username, action, target, status, detail });
  }
}
