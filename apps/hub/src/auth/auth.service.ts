import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { badField, hashPassword, LoginRateLimiter, passwordRuleProblem } from '@skp/platform';
import { createHash, randomBytes } from 'node:crypto';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import type { OperatorRecord } from '../operators/operator';
import { OperatorsRepository } from '../operators/operators.repository';
import { PasswordChecker } from './password-checker';
import type { OperatorRole } from '../access/roles.decorator';

/** Failed logins in a row before an account is locked, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

const BAD_CREDENTIALS = 'username or password is incorrect';

export interface LoginResult {
  token: string;
  expiresAt: string;
  role: OperatorRole;
  username: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function lockedException(until: Date | null): HttpException {
  const when = until ? `; try again after ${until.toISOString()}` : '; try again later';
  return new HttpException(
    {
      statusCode: HttpStatus.LOCKED,
      error: 'Locked',
      message: `account locked after ${LOCKOUT_THRESHOLD} failed logins${when}`,
      lockedUntil: until?.toISOString() ?? null,
    },
    HttpStatus.LOCKED,
  );
}

function badCredentials(): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: BAD_CREDENTIALS });
}

/**
 * Operator login, sessions, logout and password change. Sessions are random bearer tokens stored
 * only as a hash. Every password check first reserves an attempt in the database, so the lockout
 * bounds the checks even when guesses arrive in parallel.
 */
@Injectable()
export class AuthService {
  private readonly rateLimiter: LoginRateLimiter;

  constructor(
    private readonly operators: OperatorsRepository,
    private readonly audit: AuditService,
    private readonly passwords: PasswordChecker,
    @Inject(HUB_ENV) private readonly env: HubEnv,
  ) {
    this.rateLimiter = new LoginRateLimiter(env.HUB_LOGIN_RATE_LIMIT);
  }

  /** Counts a login attempt from a client address: null when allowed, else the seconds to wait. */
  async countLoginAttempt(clientAddress: string): Promise<number | null> {
    const retryAfter = this.rateLimiter.take(clientAddress);
    if (retryAfter !== null) {
      await this.audit.record({
        operator: null,
        action: 'auth.login_rate_limited',
        target: null,
        detail: { retryAfterSeconds: retryAfter },
      });
    }
    return retryAfter;
  }

  async login(username: string, password: string, now = new Date()): Promise<LoginResult> {
    const operator = await this.operators.findByUsername(username);
    if (!operator || operator.disabledAt) {
      await this.passwords.decoy(password);
      // The attempted name stays out of the log: people type passwords into the username field.
      await this.audit.record({
        operator: operator?.username ?? null,
        action: operator ? 'auth.login_refused_disabled' : 'auth.login_failed',
        target: operator?.username ?? null,
        detail: { reason: operator ? 'operator disabled' : 'unknown username' },
      });
      throw badCredentials();
    }
    await this.checkOwnPassword(operator, password, now);
    await this.operators.recordSuccess(operator.id, now);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.env.HUB_SESSION_TTL_MINUTES * 60_000);
    await this.operators.insertSession(hashToken(token), operator.id, now, expiresAt);
    await this.audit.record({
      operator: operator.username,
      action: 'auth.login',
      target: operator.username,
      detail: { role: operator.role },
    });
    return { token, expiresAt: expiresAt.toISOString(), role: operator.role, username: operator.username };
  }

  /** The operator behind a bearer token, or null when the token is unknown or its session expired. */
  authenticate(token: string, now = new Date()): Promise<AuthenticatedOperator | null> {
    return this.operators.findSession(hashToken(token), now);
  }

  async logout(token: string, operator: AuthenticatedOperator): Promise<void> {
    await this.operators.deleteSession(hashToken(token));
    await this.audit.record({
      operator: operator.username,
      action: 'auth.logout',
      target: operator.username,
      detail: null,
    });
  }

  /**
   * Changes the operator's own password after checking the current one (under the same lockout
   * as a login), and ends every other session of the operator.
   */
  async changePassword(
    who: AuthenticatedOperator,
    sessionToken: string,
    currentPassword: string,
    newPassword: string,
    now = new Date(),
  ): Promise<{ revokedSessions: number }> {
    const problem = passwordRuleProblem(newPassword, this.env.NODE_ENV === 'production');
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
    const operator = await this.operators.findByUsername(who.username);
    if (!operator || operator.disabledAt) {
      throw badCredentials();
    }
    // A wrong current password is a bad request, not a bad session: the session stays valid.
    await this.checkOwnPassword(operator, currentPassword, now, () =>
      badField('currentPassword', 'current-password', 'currentPassword: is incorrect'),
    );
    await this.operators.recordSuccess(operator.id, now);
    await this.operators.updatePasswordHash(operator.id, await hashPassword(newPassword), now);
    const revokedSessions = await this.operators.deleteSessionsOf(operator.id, hashToken(sessionToken));
    await this.audit.record({
      operator: operator.username,
      action: 'auth.password_changed',
      target: operator.username,
      detail: { revokedSessions },
    });
    return { revokedSessions };
  }

  /** Reserves an attempt (or refuses: locked), then checks the password; throws on a wrong one. */
  private async checkOwnPassword(
    operator: OperatorRecord,
    password: string,
    now: Date,
    wrong: () => HttpException = badCredentials,
  ): Promise<void> {
    const attempt = await this.operators.reserveLoginAttempt(operator.id, now, LOCKOUT_THRESHOLD, LOCKOUT_MS);
    if (!attempt) {
      const current = await this.operators.findByUsername(operator.username);
      await this.audit.record({
        operator: operator.username,
        action: 'auth.login_refused_locked',
        target: operator.username,
        detail: { lockedUntil: current?.lockedUntil?.toISOString() ?? null },
      });
      if (current?.disabledAt) {
        throw badCredentials();
      }
      throw lockedException(current?.lockedUntil ?? null);
    }
    if (await this.passwords.check(password, operator.passwordHash)) {
      return;
    }
    await this.audit.record({
      operator: operator.username,
      action: 'auth.login_failed',
      target: operator.username,
      detail: { reason: 'wrong password', failedAttempts: attempt.attempt },
    });
    if (attempt.attempt === LOCKOUT_THRESHOLD && attempt.lockedUntil) {
      await this.audit.record({
        operator: operator.username,
        action: 'auth.locked',
        target: operator.username,
        detail: { failedAttempts: attempt.attempt, lockedUntil: attempt.lockedUntil.toISOString() },
      });
    }
    throw wrong();
  }
}
