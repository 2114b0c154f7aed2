import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The Pauzeknop form's proof-of-work (DESIGN §11: never a third-party captcha). The hub hands out a
 * stateless challenge, `<payload>.<mac>`, with an id, a difficulty and an expiry, HMAC'd with a key
 * only the hub holds. The browser finds a nonce such that SHA-256(`<challenge>:<nonce>`) starts
 * with `bits` zero bits. Whether a challenge was used before is the caller's (stored) concern.
 */

export interface Challenge {
  /** the text the browser hashes with its nonce */
  challenge: string;
  bits: number;
  expiresAt: string;
}

export interface ChallengeFacts {
  id: string;
  bits: number;
  expiresAt: Date;
}

export type PowVerdict =
  | { ok: true; facts: ChallengeFacts }
  | { ok: false; rule: 'pow-challenge' | 'pow-expired' | 'pow-solution'; message: string };

const NONCE = /^[0-9a-zA-Z]{1,32}$/;

export function issueChallenge(key: Buffer, bits: number, now: Date, ttlMs: number): Challenge {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const payload = Buffer.from(
    JSON.stringify({ id: randomBytes(16).toString('hex'), bits, exp: expiresAt.getTime() }),
  ).toString('base64url');
  return { challenge: `${payload}.${mac(key, payload)}`, bits, expiresAt: expiresAt.toISOString() };
}

/** Checks the challenge is the hub's own, not expired, and solved; not whether it was used before. */
export function verifySolution(key: Buffer, challenge: string, nonce: string, now: Date): PowVerdict {
  const facts = challengeFacts(key, challenge);
  if (!facts) {
    return { ok: false, rule: 'pow-challenge', message: 'challenge is not one the hub issued' };
  }
  if (facts.expiresAt.getTime() <= now.getTime()) {
    return { ok: false, rule: 'pow-expired', message: 'challenge has expired; ask for a new one' };
  }
  if (!NONCE.test(nonce) || leadingZeroBits(powHash(challenge, nonce)) < facts.bits) {
    return { ok: false, rule: 'pow-solution', message: 'nonce does not solve the challenge' };
  }
  return { ok: true, facts };
}

/** What the browser computes: SHA-256 of `<challenge>:<nonce>`. */
export function powHash(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

export function leadingZeroBits(hash: Buffer): number {
  let bits = 0;
  for (const byte of hash) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Finds a nonce by brute force (tests and the benchmark; the browser has its own loop). */
export function solveChallenge(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(powHash(challenge, nonce)) >= bits) {
      return nonce;
    }
  }
}

function challengeFacts(key: Buffer, challenge: string): ChallengeFacts | null {
  const [payload, given, ...rest] = challenge.split('.');
  if (!payload || !given || rest.length > 0 || challenge.length > 400) {
    return null;
  }
  const expected = Buffer.from(mac(key, payload));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return null;
  }
  try {
    const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      id?: unknown;
      bits?: unknown;
      exp?: unknown;
    };
    const { id, bits, exp } = parsed;
    if (typeof id !== 'string' || typeof bits !== 'number' || typeof exp !== 'number') {
      return null;
    }
    return { id, bits, expiresAt: new Date(exp) };
  } catch {
    return null;
  }
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}
