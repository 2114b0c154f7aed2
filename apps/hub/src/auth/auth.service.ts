import { HttpException, HttpStatus, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedOperator } from '../operators/operator';
import { OperatorsRepository } from '../operators/operators.repository';
import { decoyHash, verifyPassword } from './password';
import type { OperatorRole } from './roles.decorator';

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

function lockedException(until: Date): HttpException {
  return new HttpException(
    {
      statusCode: HttpStatus.LOCKED,
      error: 'Locked',
      message: `account locked after ${LOCKOUT_THRESHOLD} failed logins; try again after ${until.toISOString()}`,
      lockedUntil: until.toISOString(),
    },
    HttpStatus.LOCKED,
  );
}

/** Operator login, sessions and logout. Sessions are random bearer tokens stored only as a hash. */
@Injectable()
export class AuthService {
  constructor(
    private readonly operators: OperatorsRepository,
    private readonly audit: AuditService,
    @Inject(HUB_ENV) private readonly env: HubEnv,
  ) {}

  async login(username: string, password: string, now = new Date()): Promise<LoginResult> {
    const operator = await this.operators.findByUsername(username);
    if (!operator) {
      await verifyPassword(password, await decoyHash());
      // The attempted name stays out of the log: people type passwords into the username field.
      await this.audit.record({
        operator: null,
        action: 'auth.login_failed',
        target: null,
        detail: { reason: 'unknown username' },
      });
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: BAD_CREDENTIALS });
    }
    if (operator.lockedUntil && operator.lockedUntil > now) {
      await this.audit.record({
        operator: operator.username,
        action: 'auth.login_refused_locked',
        target: operator.username,
        detail: { lockedUntil: operator.lockedUntil.toISOString() },
      });
      throw lockedException(operator.lockedUntil);
    }
    if (!(await verifyPassword(password, operator.passwordHash))) {
      const failure = await this.operators.recordFailure(operator.id, now, LOCKOUT_THRESHOLD, LOCKOUT_MS);
      await this.audit.record({
        operator: operator.username,
        action: 'auth.login_failed',
        target: operator.username,
        detail: { reason: 'wrong password', failedAttempts: failure.failedAttempts },
      });
      if (failure.lockedUntil && failure.failedAttempts === LOCKOUT_THRESHOLD) {
        await this.audit.record({
          operator: operator.username,
          action: 'auth.locked',
          target: operator.username,
          detail: { failedAttempts: failure.failedAttempts, lockedUntil: failure.lockedUntil.toISOString() },
        });
      }
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message: BAD_CREDENTIALS });
    }
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
}
