import { createPrivateKey, X509Certificate } from 'node:crypto';
import {
  checkSignatureMath,
  concludeVerification,
  signDetached,
  verifyDetached,
  VerifyResult,
} from './detached-signature';
import { createDevCa, createRevocationList } from './dev';
import { createDetachedJws } from './jws';
import { LeafKeyCache } from './leaf-keys';
import { createTestParty, CREDITOR_OIN, MUNICIPALITY_OIN, TestParty } from './testing/spec-support';
import { TrustStore } from './trust-store';

const PAYLOAD = '{"body":{"a":1},"header":{"sender":"x"}}';
const DAY = 86_400_000;

/** Base64 DER of each certificate of a PEM chain, leaf first. */
function x5cOfChain(chainPem: string[]): string[] {
  return chainPem.map((pem) => Buffer.from(new X509Certificate(pem).raw).toString('base64'));
}

/** A JWS with a chosen x5c, signed with the party's key (x5t#S256 follows x5c[0]). */
function signedWithX5c(party: TestParty, x5c: string[], payload = PAYLOAD): string {
  return createDetachedJws(payload, {
    privateKey: createPrivateKey(party.issued.keyPem),
    alg: party.identity.alg,
    x5c,
  });
}

/**
 * The worker half (structure and math, no trust) and the main-thread half (live TrustStore) must
 * together say exactly what verifyDetached says, for every verdict it can give.
 */
describe('checkSignatureMath + concludeVerification equal verifyDetached', () => {
  const ca = createDevCa();
  const otherCa = createDevCa({ commonName: 'Other CA' });
  const party = createTestParty(ca, { oin: CREDITOR_OIN, name: 'Klant BV', keyType: 'ec' });
  const rsaParty = createTestParty(ca, { oin: CREDITOR_OIN, name: 'RSA BV' });
  const revoked = createTestParty(ca, { oin: CREDITOR_OIN, name: 'Ingetrokken BV' });
  const expired = createTestParty(ca, {
    oin: CREDITOR_OIN,
    name: 'Verlopen BV',
    notBefore: new Date(Date.now() - 400 * DAY),
    notAfter: new Date(Date.now() - DAY),
  });
  const impostor = createTestParty(otherCa, { oin: CREDITOR_OIN, name: 'Impostor' });
  const trust = new TrustStore([ca.certPem], [createRevocationList(ca, [revoked.issued.certPem])]);
  const leafKeys = new LeafKeyCache();
  const leafX5c = x5cOfChain(party.issued.chainPem);

  const cases: Array<[string, unknown, string, string | undefined, Date?]> = [
    ['a valid EC signature', signDetached(PAYLOAD, party.identity), PAYLOAD, CREDITOR_OIN],
    ['a valid RSA signature', signDetached(PAYLOAD, rsaParty.identity), PAYLOAD, CREDITOR_OIN],
    ['no expected signer', signDetached(PAYLOAD, party.identity), PAYLOAD, undefined],
    ['another payload', signDetached(PAYLOAD, party.identity), `${PAYLOAD} `, CREDITOR_OIN],
    ['another signer OIN', signDetached(PAYLOAD, party.identity), PAYLOAD, MUNICIPALITY_OIN],
    ['an untrusted CA', signDetached(PAYLOAD, impostor.identity), PAYLOAD, CREDITOR_OIN],
    ['a revoked certificate', signDetached(PAYLOAD, revoked.identity), PAYLOAD, CREDITOR_OIN],
    ['an expired certificate', signDetached(PAYLOAD, expired.identity), PAYLOAD, CREDITOR_OIN],
    [
      'a date before the certificate',
      signDetached(PAYLOAD, party.identity),
      PAYLOAD,
      CREDITOR_OIN,
      new Date(Date.now() - DAY),
    ],
    ['not a string', 42, PAYLOAD, CREDITOR_OIN],
    ['not a compact JWS', 'a.b', PAYLOAD, CREDITOR_OIN],
    ['an unreadable leaf', signedWithX5c(party, ['QUJD']), PAYLOAD, CREDITOR_OIN],
    ['an unreadable issuer', signedWithX5c(party, [leafX5c[0], 'QUJD']), PAYLOAD, CREDITOR_OIN],
    [
      'an unreadable issuer and a bad signature',
      signedWithX5c(party, [leafX5c[0], 'QUJD']),
      `${PAYLOAD} `,
      CREDITOR_OIN,
    ],
    ['a leaf-only x5c', signedWithX5c(party, [leafX5c[0]]), PAYLOAD, CREDITOR_OIN],
  ];

  // rows as objects: a row shorter than the callback's parameters would hand jest's `done` in
  it.each(cases.map(([what, jws, payload, expected, now]) => ({ what, jws, payload, expected, now })))(
    '$what',
    ({ jws, payload, expected, now }) => {
      const whole: VerifyResult = verifyDetached(jws, payload, trust, expected, { now });
      const halves = concludeVerification(checkSignatureMath(jws, payload, leafKeys), trust, expected, {
        now,
      });
      expect(halves).toEqual(whole);
    },
  );

  it('covers every verdict verifyDetached gives', () => {
    const verdicts = new Set(
      cases.map(([, jws, payload, expected, now]) => {
        const result = verifyDetached(jws, payload, trust, expected, { now });
        return result.ok ? 'ok' : `${result.code}: ${result.reason}`;
      }),
    );
    expect([...verdicts].sort()).toEqual(
      [
        'ok',
        'SIGNATURE_INVALID: signature does not match the message',
        'SIGNATURE_INVALID: x5c certificate unreadable',
        'SIGNATURE_INVALID: signature is not a string',
        'SIGNATURE_INVALID: signature is not a compact JWS',
        'SENDER_MISMATCH: certificate OIN differs from header.sender',
        'CERTIFICATE_UNTRUSTED: revoked',
        'CERTIFICATE_UNTRUSTED: chain does not lead to a trust anchor',
        'CERTIFICATE_EXPIRED: certificate expired',
        'CERTIFICATE_EXPIRED: certificate not yet valid',
      ].sort(),
    );
  });

  it('a revocation loaded after the math was done still counts: trust is decided by the live store', () => {
    const live = new TrustStore([ca.certPem]);
    const math = checkSignatureMath(signDetached(PAYLOAD, party.identity), PAYLOAD, leafKeys);
    expect(concludeVerification(math, live, CREDITOR_OIN).ok).toBe(true);
    const later = new TrustStore([ca.certPem], [createRevocationList(ca, [party.issued.certPem])]);
    expect(concludeVerification(math, later, CREDITOR_OIN)).toMatchObject({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
    });
  });
});

describe('LeafKeyCache', () => {
  it('reads a leaf key once and keeps at most its maximum', () => {
    const ca = createDevCa();
    const leaves = [1, 2, 3].map(
      (i) => x5cOfChain([createTestParty(ca, { oin: CREDITOR_OIN, name: `P${i}` }).issued.certPem])[0],
    );
    const cache = new LeafKeyCache(2);
    const first = cache.keyOf(leaves[0]);
    expect(cache.keyOf(leaves[0])).toBe(first);
    cache.keyOf(leaves[1]);
    cache.keyOf(leaves[2]); // evicts the oldest
    expect(cache.keyOf(leaves[0])).not.toBe(first);
    expect(cache.keyOf(leaves[0]).equals(first)).toBe(true);
    expect(() => cache.keyOf('QUJD')).toThrow();
  });
});
