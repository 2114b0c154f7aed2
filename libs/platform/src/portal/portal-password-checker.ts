import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { decoyHash, verifyPassword } from '../auth/password';

const COUNTERS = new WeakMap<Registry, Counter<'result'>>();

/**
 * Every slow password check of the portal goes through here and is counted
 * (`skp_portal_password_checks_total`), so guessing shows in the metrics and a test can measure
 * that the lockout bounds the number of checks.
 */
@Injectable()
export class PortalPasswordChecker {
  private readonly checks: Counter<'result'>;

  constructor(registry: Registry) {
    // one counter per registry, however many checkers are built on it
    let counter = COUNTERS.get(registry);
    if (!counter) {
      counter = new Counter({
        name: 'skp_portal_password_checks_total',
        help: 'Portal password checks (scrypt) by result: match, mismatch, or decoy (unknown or disabled user)',
        labelNames: ['result'],
        registers: [registry],
      });
      COUNTERS.set(registry, counter);
    }
    this.checks = counter;
  }

  async check(password: string, storedHash: string): Promise<boolean> {
    const ok = await verifyPassword(password, storedHash);
    this.checks.inc({ result: ok ? 'match' : 'mismatch' });
    return ok;
  }

  /** Takes as long as a real check, so a response does not tell which usernames exist. */
  async decoy(password: string): Promise<void> {
    await verifyPassword(password, await decoyHash());
    this.checks.inc({ result: 'decoy' });
  }
}
