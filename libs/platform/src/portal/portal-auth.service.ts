import { HttpException, Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { LoginRateLimiter } from '../auth/login-rate-limiter';
import { hashPassword, passwordRuleProblem } from '../auth/password';
import { badField } from '../http/http-errors';
import { PortalAudit } from './portal-audit';
import { badCredentials, LOCKOUT_MS, LOCKOUT_THRESHOLD, lockedException } from './portal-errors';
import { PortalPasswordChecker } from './portal-password-checker';
import type { PortalRole, PortalUserPrincipal, PortalUserRecord } from './portal-user';
import { PortalUsersRepository } from './portal-users.repository';
import { PORTAL_OPTIONS, PortalOptions } from './portal.options';

export interface PortalLoginResult {
  token: string;
  expiresAt: string;
  role: PortalRole;
  username: string;
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Portal login, sessions, logout and password change, as the hub does it for operators. Sessions
 * are random bearer tokens stored only as a hash, with a fixed lifetime. Every password check
 * first reserves an attempt in the database, so the lockout bounds the checks even when guesses
 * arrive in parallel.
 */
@Injectable()
export class PortalAuthService {
  private readonly rateLimiter: LoginRateLimiter;

  constructor(
    private readonly users: PortalUsersRepository,
    private readonly audit: PortalAudit,
    private readonly passwords: PortalPasswordChecker,
    @Inject(PORTAL_OPTIONS) private readonly options: PortalOptions,
  ) {
    this.rateLimiter = new LoginRateLimiter(options.loginRateLimit);
  }

  /** Counts a login attempt from a client address: null when allowed, else the seconds to wait. */
  async countLoginAttempt(clientAddress: string): Promise<number | null> {
    const retryAfter = this.rateLimiter.take(clientAddress);
    if (retryAfter !== null) {
      await this.audit.record({
        username: null,
        action: 'auth.login_rate_limited',
        target: null,
        status: 429,
        detail: { retryAfterSeconds: retryAfter },
      });
    }
    return retryAfter;
  }

  async login(username: string, password: string, now = new Date()): Promise<PortalLoginResult> {
    const user = await this.users.findByUsername(username);
    if (!user || user.disabledAt) {
      await this.passwords.decoy(password);
      // The attempted name stays out of the audit: people type passwords into the username field.
      await this.audit.record({
        username: user?.username ?? null,
        action: user ? 'auth.login_refused_disabled' : 'auth.login_failed',
        target: user?.username ?? null,
        status: 401,
        detail: { reason: user ? 'user disabled' : 'unknown username' },
      });
      throw badCredentials();
    }
    await this.checkOwnPassword(user, password, now);
    await this.users.recordSuccess(user.id, now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMinutes * 60_000);
    await this.users.insertSession(hashSessionToken(token), user.id, now, expiresAt);
    await this.audit.record({
      username: user.username,
      action: 'auth.login',
      target: user.username,
      status: 200,
      detail: { role: user.role },
    });
    return { token, expiresAt: expiresAt.toISOString(), role: user.role, username: user.username };
  }

  /** The user behind a session token, or null when the token is unknown or its session expired. */
  authenticate(token: string, now = new Date()): Promise<PortalUserPrincipal | null> {
    return this.users.findSession(hashSessionToken(token), now);
  }

  async logout(token: string, user: PortalUserPrincipal): Promise<void> {
    await this.users.deleteSession(hashSessionToken(token));
    await this.audit.record({
      username: user.username,
      action: 'auth.logout',
      target: user.username,
      status: 204,
    });
  }

  /** Changes the user's own password after checking the current one; ends the user's other sessions. */
  async changePassword(
    who: PortalUserPrincipal,
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
    const user = await this.users.findByUsername(who.username);
    if (!user || user.disabledAt) {
      throw badCredentials();
    }
    // A wrong current password is a bad request, not a bad session: the session stays valid.
    await this.checkOwnPassword(user, currentPassword, now, () =>
      badField('currentPassword', 'current-password', 'currentPassword: is incorrect'),
    );
    await this.users.recordSuccess(user.id, now);
    await this.users.updatePasswordHash(user.id, await hashPassword(newPassword), now);
    const revokedSessions = await this.users.deleteSessionsOf(user.id, hashSessionToken(sessionToken));
    await this.audit.record({
      username: user.username,
      action: 'auth.password_changed',
      target: user.username,
      status: 200,
      detail: { revokedSessions },
    });
    return { revokedSessions };
  }

  /** Reserves an attempt (or refuses: locked), then checks the password; throws on a wrong one. */
  private async checkOwnPassword(
    user: PortalUserRecord,
    password: string,
    now: Date,
    wrong: () => HttpException = badCredentials,
  ): Promise<void> {
    const attempt = await this.users.reserveLoginAttempt(user.id, now, LOCKOUT_THRESHOLD, LOCKOUT_MS);
    if (!attempt) {
      const current = await this.users.findByUsername(user.username);
      await this.audit.record({
        username: user.username,
        action: 'auth.login_refused_locked',
        target: user.username,
        status: current?.disabledAt ? 401 : 423,
        detail: { lockedUntil: current?.lockedUntil?.toISOString() ?? null },
      });
      if (current?.disabledAt) {
        throw badCredentials();
      }
      throw lockedException(current?.lockedUntil ?? null);
    }
    if (await this.passwords.check(password, user.passwordHash)) {
      return;
    }
    await this.audit.record({
      username: user.username,
      action: 'auth.login_failed',
      target: user.username,
      status: wrong().getStatus(),
      detail: { reason: 'wrong password', failedAttempts: attempt.attempt },
    });
    if (attempt.attempt === LOCKOUT_THRESHOLD && attempt.lockedUntil) {
      await this.audit.record({
        username: user.username,
        action: 'auth.locked',
        target: user.username,
        status: null,
        detail: { failedAttempts: attempt.attempt, lockedUntil: attempt.lockedUntil.toISOString() },
      });
    }
    throw wrong();
  }
}
