import { Counter, Registry } from 'prom-client';
import { decoyHash, verifyPassword } from '../auth/password';

/** The counter of one kind of account, e.g. `skp_hub_password_checks_total`. */
export interface PasswordCheckMetric {
  name: string;
  help: string;
}

const COUNTERS = new WeakMap<Registry, Map<string, Counter<'result'>>>();

/** One counter per registry and name, however many checkers are built on it. */
function counterOf(registry: Registry, metric: PasswordCheckMetric): Counter<'result'> {
  let byName = COUNTERS.get(registry);
  if (!byName) {
    byName = new Map();
    COUNTERS.set(registry, byName);
  }
  let counter = byName.get(metric.name);
  if (!counter) {
    counter = new Counter({ ...metric, labelNames: ['result'], registers: [registry] });
    byName.set(metric.name, counter);
  }
  return counter;
}

/**
 * Every slow password check of one kind of account goes through here and is counted by result
 * (match, mismatch, or decoy for an unknown or disabled account), so guessing shows in the
 * metrics and a test can measure that the lockout bounds the number of checks.
 */
export class PasswordChecker {
  private readonly checks: Counter<'result'>;

  constructor(registry: Registry, metric: PasswordCheckMetric) {
    this.checks = counterOf(registry, metric);
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
