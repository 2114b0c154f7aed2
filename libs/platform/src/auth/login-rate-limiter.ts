import { HttpException, HttpStatus } from '@nestjs/common';
import { httpErrorBody } from '../http/http-errors';

/**
 * Login attempts per client address in fixed one-minute windows. Kept in the memory of each
 * process (hub or adapter): with N instances behind a load balancer an address gets up to N times the limit,
 * and a restart forgets the counts. The account lockout (in the database) is the hard bound per
 * account; this limit slows down guessing across many accounts from one address.
 */
export class LoginRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; attempts: number }>();

  constructor(
    private readonly limitPerMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts one attempt; the seconds to wait when the address is over its limit, else null. */
  take(address: string, now = Date.now()): number | null {
    this.prune(now);
    const window = this.windows.get(address);
    if (!window || now - window.startedAt >= this.windowMs) {
      this.windows.set(address, { startedAt: now, attempts: 1 });
      return null;
    }
    window.attempts += 1;
    if (window.attempts <= this.limitPerMinute) {
      return null;
    }
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    if (this.windows.size < 10_000) {
      return;
    }
    for (const [address, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) {
        this.windows.delete(address);
      }
    }
  }
}

export function tooManyLoginsException(retryAfterSeconds: number): HttpException {
  return tooManyRequestsException(retryAfterSeconds, 'login attempts');
}

/** The 429 of a per-address limit: `what` names what was counted ("requests", "login attempts"). */
export function tooManyRequestsException(retryAfterSeconds: number, what: string): HttpException {
  return new HttpException(
    {
      ...httpErrorBody(
        HttpStatus.TOO_MANY_REQUESTS,
        'Too Many Requests',
        [],
        `too many ${what} from this address; retry after ${retryAfterSeconds} seconds`,
      ),
      retryAfterSeconds,
    },
    HttpStatus.TOO_MANY_REQUESTS,
  );
}
