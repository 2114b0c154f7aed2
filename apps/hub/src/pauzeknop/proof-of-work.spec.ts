import { createHash } from 'node:crypto';
import { issueChallenge, leadingZeroBits, powHash, solveChallenge, verifySolution } from './proof-of-work';

const KEY = Buffer.alloc(32, 7);
const NOW = new Date('2027-01-04T10:00:00Z');

describe('Pauzeknop proof-of-work', () => {
  it('accepts a solved challenge of its own, before it expires', () => {
    const { challenge, bits } = issueChallenge(KEY, 8, NOW, 60_000);
    const nonce = solveChallenge(challenge, bits);
    const verdict = verifySolution(KEY, challenge, nonce, new Date(NOW.getTime() + 59_000));
    expect(verdict).toMatchObject({ ok: true, facts: { bits: 8 } });
    // an independent check of the hash the browser computes
    const hash = createHash('sha256').update(`${challenge}:${nonce}`).digest();
    expect(hash[0]).toBe(0);
  });

  it('refuses a wrong nonce, an expired challenge, and a challenge made with another key or altered', () => {
    const { challenge } = issueChallenge(KEY, 12, NOW, 60_000);
    const nonce = solveChallenge(challenge, 12);
    const wrong = [...Array(50).keys()].map(String).find((n) => leadingZeroBits(powHash(challenge, n)) < 12)!;
    expect(verifySolution(KEY, challenge, wrong, NOW)).toMatchObject({ ok: false, rule: 'pow-solution' });
    expect(verifySolution(KEY, challenge, nonce, new Date(NOW.getTime() + 60_000))).toMatchObject({
      ok: false,
      rule: 'pow-expired',
    });
    expect(verifySolution(Buffer.alloc(32, 8), challenge, nonce, NOW)).toMatchObject({
      ok: false,
      rule: 'pow-challenge',
    });
    // an easier difficulty written into the payload breaks the MAC
    const [payload, mac] = challenge.split('.');
    const facts = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const easier = Buffer.from(JSON.stringify({ ...facts, bits: 1 })).toString('base64url');
    expect(verifySolution(KEY, `${easier}.${mac}`, '0', NOW)).toMatchObject({
      ok: false,
      rule: 'pow-challenge',
    });
    expect(verifySolution(KEY, 'garbage', nonce, NOW)).toMatchObject({ ok: false, rule: 'pow-challenge' });
    expect(verifySolution(KEY, challenge, 'not a nonce!', NOW)).toMatchObject({
      ok: false,
      rule: 'pow-solution',
    });
  });

  it('counts leading zero bits', () => {
    expect(leadingZeroBits(Buffer.from([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(Buffer.from([0, 0x0f]))).toBe(12);
    expect(leadingZeroBits(Buffer.from([0xff]))).toBe(0);
    expect(leadingZeroBits(Buffer.from([0, 0]))).toBe(16);
  });

  it('gives every challenge its own id', () => {
    const a = issueChallenge(KEY, 8, NOW, 1000).challenge;
    const b = issueChallenge(KEY, 8, NOW, 1000).challenge;
    expect(a).not.toBe(b);
  });
});
