import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevCa, exportPkcs12, IssuedCertificate, issuePartyCertificate, PemKeyPair } from './dev';
import { signDetached, verifyDetached } from './detached-signature';
import { loadSigningIdentity, loadSigningIdentityFromSettings } from './signing-identity';
import { TrustStore } from './trust-store';

const OIN = '00000001002220647000';

describe('signing identities', () => {
  let ca: PemKeyPair;
  let party: IssuedCertificate;
  let dir: string;

  beforeAll(() => {
    ca = createDevCa();
    party = issuePartyCertificate(ca, { oin: OIN, name: 'Gemeente Utrecht' });
    dir = mkdtempSync(join(tmpdir(), 'skp-crypto-'));
    writeFileSync(join(dir, 'party.crt'), party.chainPem.join(''));
    writeFileSync(join(dir, 'party.key'), party.keyPem);
  });

  it('loads PEM with the OIN from the subject serialNumber and RS256 by default', () => {
    const identity = loadSigningIdentity({ certPem: party.chainPem.join(''), keyPem: party.keyPem });
    expect(identity).toMatchObject({ oin: OIN, alg: 'RS256' });
    expect(identity.chainPem).toHaveLength(2);
    expect(loadSigningIdentity({ certPem: party.certPem, keyPem: party.keyPem, alg: 'PS256' }).alg).toBe(
      'PS256',
    );
  });

  it('refuses a key that does not belong to the certificate, or an algorithm that does not fit', () => {
    const other = issuePartyCertificate(ca, { oin: OIN, name: 'Ander', keyType: 'ec' });
    expect(() => loadSigningIdentity({ certPem: party.certPem, keyPem: other.keyPem })).toThrow(
      /does not belong/,
    );
    expect(() => loadSigningIdentity({ certPem: other.certPem, keyPem: other.keyPem, alg: 'RS256' })).toThrow(
      /does not fit/,
    );
    expect(loadSigningIdentity({ certPem: other.certPem, keyPem: other.keyPem }).alg).toBe('ES256');
  });

  it('round-trips through PKCS#12 and still signs verifiably', () => {
    const p12 = exportPkcs12({
      certPem: party.certPem,
      keyPem: party.keyPem,
      chainPem: party.chainPem,
      password: 'geheim',
    });
    const identity = loadSigningIdentity({ p12, password: 'geheim' });
    expect(identity.oin).toBe(OIN);
    expect(identity.chainPem.map((pem) => pem.replace(/\s/g, ''))).toEqual(
      party.chainPem.map((pem) => pem.replace(/\s/g, '')),
    );
    const signature = signDetached('{"x":1}', identity);
    expect(verifyDetached(signature, '{"x":1}', new TrustStore([ca.certPem]), OIN)).toMatchObject({
      ok: true,
      signerOin: OIN,
    });
    expect(() => loadSigningIdentity({ p12, password: 'fout' })).toThrow();
  });

  it('loads from env: file paths, inline PEM, PKCS#12', () => {
    const files = loadSigningIdentityFromSettings({
      PARTY_CERT: join(dir, 'party.crt'),
      PARTY_KEY: join(dir, 'party.key'),
      PARTY_OIN: OIN,
    });
    expect(files.oin).toBe(OIN);
    const inline = loadSigningIdentityFromSettings({ PARTY_CERT: party.certPem, PARTY_KEY: party.keyPem });
    expect(inline.oin).toBe(OIN);
    writeFileSync(join(dir, 'party.p12'), exportPkcs12({ ...party, password: 'pw' }));
    expect(
      loadSigningIdentityFromSettings({ PARTY_P12: join(dir, 'party.p12'), PARTY_P12_PASSWORD: 'pw' }).oin,
    ).toBe(OIN);
  });

  it('fails naming both variables when PARTY_OIN differs from the certificate', () => {
    expect(() =>
      loadSigningIdentityFromSettings({
        PARTY_CERT: party.certPem,
        PARTY_KEY: party.keyPem,
        PARTY_OIN: '00000099000000000001',
      }),
    ).toThrow(/PARTY_OIN.*PARTY_CERT/);
    expect(() => loadSigningIdentityFromSettings({})).toThrow(/PARTY_CERT/);
  });
});
