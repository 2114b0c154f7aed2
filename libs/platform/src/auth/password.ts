import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords (hub operators, portal users) with scrypt (Node's built-in KDF, no native dependency). The parameters are
 * part of the stored string, so they can be raised later without invalidating existing hashes:
 * `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

function derive(
  password: string,
  salt: Buffer,
  n: number,
  r: number,
  p: number,
  length: number,
): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that at N=2^15, r=8.
  const maxmem = 256 * n * r;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, length, { N: n, r, p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, N, R, P, KEY_LENGTH);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') {
    return false;
  }
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((v) => Number.isInteger(v) && v > 0) || n > 2 ** 20) {
    return false;
  }
  const expected = Buffer.from(parts[5], 'base64');
  const actual = await derive(password, Buffer.from(parts[4], 'base64'), n, r, p, expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A hash of nothing anyone knows: checked when the username is unknown, so a wrong username takes
 * as long as a wrong password and response times do not reveal which usernames exist.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(24).toString('base64'));
  return decoy;
}

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PRODUCTION_PASSWORD_LENGTH = 16;
export const MAX_PASSWORD_LENGTH = 1000;

/** What is wrong with a new password, or null: at least 12 characters, 16 in production. */
export function passwordRuleProblem(password: string, production: boolean): string | null {
  const min = production ? MIN_PRODUCTION_PASSWORD_LENGTH : MIN_PASSWORD_LENGTH;
  if ([...password].length < min) {
    return `password must be at least ${min} characters${production ? ' in production' : ''}`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `password must be at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  return null;
}
