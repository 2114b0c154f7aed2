import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { decoyHash, verifyPassword } from '@skp/platform';

/**
 * Every slow password check of the hub goes through here and is counted
 * (`skp_hub_password_checks_total`), so an operator can see guessing and a test can measure that
 * the lockout bounds the number of checks.
 */
@Injectable()
export class PasswordChecker {
  private readonly checks: Counter<'result'>;

  constructor(registry: Registry) {
    this.checks = new Counter({
      name: 'skp_hub_password_checks_total',
      help: 'Operator password checks (scrypt) by result: match, mismatch, or decoy (unknown or disabled operator)',
      labelNames: ['result'],
      registers: [registry],
    });
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
