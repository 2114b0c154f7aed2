import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCertificate } from '../certificate';
import { signDetached, verifyDetached } from '../detached-signature';
import {
  createCertificateSigningRequest,
  createDevCa,
  createRevocationList,
  issuePartyCertificate,
  PemKeyPair,
  signCertificateSigningRequest,
} from '.';
import { loadSigningIdentity } from '../signing-identity';
import { TrustStore } from '../trust-store';

const OIN = '00000099200000000003';

describe('dev PKI', () => {
  let ca: PemKeyPair;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'Test Dev CA', validDays: 30 });
  });

  it('creates a self-signed CA certificate', () => {
    const certificate = new X509Certificate(ca.certPem);
    expect(certificate.ca).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(describeCertificate(ca.certPem).subject).toContain('CN=Test Dev CA');
  });

  it.each(['rsa', 'ec'] as const)(
    'issues a %s party certificate with CN, O, serialNumber = OIN, C = NL',
    (keyType) => {
      const issued = issuePartyCertificate(ca, { oin: OIN, name: 'Energie Noord BV (privaat)', keyType });
      const certificate = new X509Certificate(issued.certPem);
      expect(certificate.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
      expect(certificate.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
      expect(certificate.ca).toBe(false);
      const described = describeCertificate(issued.chainPem.join(''));
      expect(described).toMatchObject({
        oin: OIN,
        sha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
      });
      expect(described.subject).toContain('CN=Energie Noord BV (privaat)');
      expect(described.subject).toContain('O=Energie Noord BV (privaat)');
      expect(described.subject).toContain('C=NL');
      expect(described.notAfter.getTime()).toBeGreaterThan(described.notBefore.getTime());
      expect(issued.chainPem).toHaveLength(2);
    },
  );

  it.each(['rsa', 'ec'] as const)('round-trips a %s CSR through the CA into a usable identity', (keyType) => {
    const key = issuePartyCertificate(ca, { oin: OIN, name: 'sleutelbron', keyType }).keyPem;
    const csrPem = createCertificateSigningRequest({ oin: OIN, name: 'Energie Noord BV' }, key);
    expect(csrPem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const { certPem, chainPem } = signCertificateSigningRequest(ca, csrPem, 90);
    expect(describeCertificate(certPem)).toMatchObject({ oin: OIN });
    expect(describeCertificate(certPem).subject).toContain('CN=Energie Noord BV');
    const identity = loadSigningIdentity({ certPem: chainPem.join(''), keyPem: key });
    expect(
      verifyDetached(signDetached('payload', identity), 'payload', new TrustStore([ca.certPem]), OIN).ok,
    ).toBe(true);
  });

  it('refuses a CSR whose signature does not verify', () => {
    const key = issuePartyCertificate(ca, { oin: OIN, name: 'x', keyType: 'ec' }).keyPem;
    const csrPem = createCertificateSigningRequest({ oin: OIN, name: 'Energie Noord BV' }, key);
    const der = Buffer.from(csrPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    der[40] ^= 0x01; // inside the subject
    const tampered = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    expect(() => signCertificateSigningRequest(ca, tampered)).toThrow();
  });

  it('builds trust stores from files and env, with CRLs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'skp-trust-'));
    const other = createDevCa({ commonName: 'Second CA' });
    writeFileSync(join(dir, 'anchors.pem'), ca.certPem + other.certPem);
    writeFileSync(join(dir, 'ca.crl'), createRevocationList(ca, []));
    expect(TrustStore.fromFiles([join(dir, 'anchors.pem')]).anchorCount).toBe(2);
    const fromSettings = TrustStore.fromSettings({
      TRUST_ANCHORS: ` ${join(dir, 'anchors.pem')} `,
      TRUST_CRLS: join(dir, 'ca.crl'),
    });
    expect(fromSettings.anchorCount).toBe(2);
    expect(() => TrustStore.fromSettings({ TRUST_ANCHORS: '' })).toThrow(/TRUST_ANCHORS/);
  });
});
