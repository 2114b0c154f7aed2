import { createPublicKey, X509Certificate } from 'node:crypto';
import { decode, encode, SkpMessage } from '@skp/messages';
import { FlattenedSign, flattenedVerify } from 'jose';
import { createRevocationList, PemKeyPair } from './dev';
import { JWS_TYPE, x5tS256 } from './jws';
import { signMessage, verifyMessage } from './message-signature';
import { x5cOf } from './signing-identity';
import {
  createDevCa,
  createTestParty,
  CREDITOR_OIN,
  payloadOf,
  sampleAcknowledgement,
  TestParty,
} from './testing/spec-support';
import { TrustStore } from './trust-store';

const DAY = 86_400_000;

/** The production path: signingInput from '@skp/messages', expected signer = header.sender. */
function verify(
  message: { header: { sender: string }; body: unknown; signature: unknown },
  trust: TrustStore,
  now?: Date,
) {
  return verifyMessage(message as SkpMessage, trust, { now });
}

function b64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('message signatures (signMessage / verifyMessage)', () => {
  let ca: PemKeyPair;
  let otherCa: PemKeyPair;
  let rsa: TestParty;
  let pss: TestParty;
  let ec: TestParty;
  let trust: TrustStore;

  beforeAll(() => {
    ca = createDevCa();
    otherCa = createDevCa({ commonName: 'Someone Else CA' });
    rsa = createTestParty(ca, { oin: CREDITOR_OIN, name: 'Landelijk Incassobureau (publiek)' });
    pss = { ...rsa, identity: { ...rsa.identity, alg: 'PS256' } };
    ec = createTestParty(ca, { oin: CREDITOR_OIN, name: 'Energie Noord BV', keyType: 'ec' });
    trust = new TrustStore([ca.certPem]);
  });

  function signed(party: TestParty, message = sampleAcknowledgement()) {
    return signMessage(message, party.identity);
  }

  it.each(['RS256', 'PS256', 'ES256'] as const)('round-trips %s', (alg) => {
    const party = { RS256: rsa, PS256: pss, ES256: ec }[alg];
    const message = signed(party);
    const [protectedHeader, payload, signature] = message.signature.split('.');
    expect(payload).toBe('');
    const header = JSON.parse(Buffer.from(protectedHeader, 'base64url').toString());
    expect(Object.keys(header).sort()).toEqual(['alg', 'typ', 'x5c', 'x5t#S256']);
    expect(header).toMatchObject({ alg, typ: 'skp+jws' });
    expect(header.x5c[0]).toBe(Buffer.from(new X509Certificate(party.issued.certPem).raw).toString('base64'));
    if (alg === 'ES256') {
      expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    }
    const result = verify(message, trust);
    expect(result).toMatchObject({ ok: true, signerOin: CREDITOR_OIN, alg });
    if (result.ok) {
      expect(result.leaf.sha256).toBe(
        new X509Certificate(party.issued.certPem).fingerprint256.replace(/:/g, '').toLowerCase(),
      );
      expect(result.leaf.subject).toContain('CN=');
      expect(result.leaf.notAfter.getTime()).toBeGreaterThan(Date.now());
    }
  });

  it.each(['RS256', 'PS256', 'ES256'] as const)(
    '%s signatures verify with the independent jose library',
    async (alg) => {
      const party = { RS256: rsa, PS256: pss, ES256: ec }[alg];
      const message = signed(party);
      const [protectedHeader, , signature] = message.signature.split('.');
      const leafKey = createPublicKey(party.issued.certPem);
      const payload = Buffer.from(payloadOf(message)).toString('base64url');
      const result = await flattenedVerify({ protected: protectedHeader, payload, signature }, leafKey, {
        algorithms: [alg],
      });
      expect(new TextDecoder().decode(result.payload)).toBe(payloadOf(message));
      expect(result.protectedHeader?.typ).toBe(JWS_TYPE);
    },
  );

  it.each(['RS256', 'PS256', 'ES256'] as const)('accepts a %s JWS made by jose', async (alg) => {
    const party = { RS256: rsa, PS256: pss, ES256: ec }[alg];
    const message = sampleAcknowledgement();
    const x5c = x5cOf(party.identity);
    const jws = await new FlattenedSign(new TextEncoder().encode(payloadOf(message)))
      .setProtectedHeader({ alg, typ: JWS_TYPE, x5c, 'x5t#S256': x5tS256(Buffer.from(x5c[0], 'base64')) })
      .sign(party.identity.privateKey);
    const result = verify({ ...message, signature: `${jws.protected}..${jws.signature}` }, trust);
    expect(result).toMatchObject({ ok: true, signerOin: CREDITOR_OIN, alg });
  });

  it('verifies a message that travelled as JSON or XML (the signature covers canonical JSON)', () => {
    const message = signed(rsa);
    expect(verifyMessage(decode(encode(message, 'json'), 'json'), trust).ok).toBe(true);
    expect(verifyMessage(decode(encode(message, 'xml'), 'xml'), trust).ok).toBe(true);
  });

  it('rejects one changed byte in the header or the body', () => {
    const message = signed(rsa);
    const changedHeader = {
      ...message,
      header: { ...message.header, createdAt: message.header.createdAt.replace(/.$/, 'X') },
    };
    const changedBody = { ...message, body: { ...message.body, pausedUntil: '2026-06-02' } };
    expect(verify(changedHeader, trust)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
    expect(verify(changedBody, trust)).toMatchObject({ ok: false, code: 'SIGNATURE_INVALID' });
  });

  it('rejects a changed signature byte', () => {
    const message = signed(ec);
    const [h, , s] = message.signature.split('.');
    const bytes = Buffer.from(s, 'base64url');
    bytes[10] ^= 0x01;
    expect(verify({ ...message, signature: `${h}..${bytes.toString('base64url')}` }, trust)).toMatchObject({
      code: 'SIGNATURE_INVALID',
    });
  });

  it('rejects malformed, attached, wrong-typ, disallowed-alg, x5c-less and x5t-mismatched JWS', () => {
    const message = signed(rsa);
    const [h, , s] = message.signature.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    const withHeader = (changes: Record<string, unknown>) => `${b64urlJson({ ...header, ...changes })}..${s}`;
    const attached = `${h}.${Buffer.from(payloadOf(message)).toString('base64url')}.${s}`;
    for (const signature of [
      undefined,
      'not a jws',
      attached,
      withHeader({ typ: 'JWT' }),
      withHeader({ alg: 'none' }),
      withHeader({ alg: 'HS256' }),
      withHeader({ x5c: undefined }),
      withHeader({ 'x5t#S256': x5tS256(Buffer.from('other')) }),
      withHeader({ alg: 'PS256' }), // header intact otherwise, but signature made with RS256
    ]) {
      expect(verify({ ...message, signature }, trust)).toMatchObject({
        ok: false,
        code: 'SIGNATURE_INVALID',
      });
    }
  });

  it('rejects a certificate from another CA as CERTIFICATE_UNTRUSTED', () => {
    const stranger = createTestParty(otherCa, { oin: CREDITOR_OIN, name: 'Imposter' });
    expect(verify(signed(stranger), trust)).toMatchObject({ ok: false, code: 'CERTIFICATE_UNTRUSTED' });
    // the stranger's CA in x5c does not help: it is not an anchor
    expect(stranger.identity.chainPem).toHaveLength(2);
  });

  it('rejects an expired certificate, and re-checks dates on a cached chain', () => {
    const expired = createTestParty(ca, {
      oin: CREDITOR_OIN,
      name: 'Verlopen BV',
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    expect(verify(signed(expired), trust)).toMatchObject({ ok: false, code: 'CERTIFICATE_EXPIRED' });

    const message = signed(rsa);
    expect(verify(message, trust).ok).toBe(true);
    expect(verify(message, trust, new Date(Date.now() + 400 * DAY))).toMatchObject({
      code: 'CERTIFICATE_EXPIRED',
    });
    expect(verify(message, trust, new Date(Date.now() - DAY))).toMatchObject({
      code: 'CERTIFICATE_EXPIRED',
      reason: 'certificate not yet valid',
    });
  });

  it('rejects a signer whose OIN differs from header.sender as SENDER_MISMATCH', () => {
    const message = sampleAcknowledgement({ header: { sender: '00000099200000000003' } });
    expect(verify(signed(rsa, message), trust)).toMatchObject({ ok: false, code: 'SENDER_MISMATCH' });
  });

  it('rejects a certificate revoked by a CRL as CERTIFICATE_UNTRUSTED (revoked)', () => {
    const revoked = createTestParty(ca, { oin: CREDITOR_OIN, name: 'Ingetrokken BV' });
    const crl = createRevocationList(ca, [revoked.issued.certPem]);
    const trustWithCrl = new TrustStore([ca.certPem], [crl]);
    expect(verify(signed(revoked), trust).ok).toBe(true);
    expect(verify(signed(revoked), trustWithCrl)).toEqual({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'revoked',
    });
    expect(verify(signed(rsa), trustWithCrl).ok).toBe(true);
  });

  it('keeps a CRL that no known CA signed pending instead of failing (its CA may be learned later)', () => {
    const store = new TrustStore([ca.certPem], [createRevocationList(otherCa, [rsa.issued.certPem])]);
    expect(verify(signed(rsa), store).ok).toBe(true);
    expect(store.health().warnings).toEqual([expect.stringContaining('CN=Someone Else CA')]);
  });
});
