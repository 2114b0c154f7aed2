import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signDetached, verifyDetached } from './detached-signature';
import {
  createDevCa,
  createIntermediateCa,
  createRevocationList,
  IntermediateCa,
  issueRevocationList,
  PemKeyPair,
} from './dev';
import { loadSigningIdentity } from './signing-identity';
import { createTestParty, CREDITOR_OIN, TestParty } from './testing/spec-support';
import { TrustEvent } from './revocation-registry';
import { TrustStore } from './trust-store';

const DAY = 86_400_000;
const PAYLOAD = '{"header":{},"body":{}}';

function verifyAs(party: TestParty, trust: TrustStore, now?: Date) {
  return verifyDetached(signDetached(PAYLOAD, party.identity), PAYLOAD, trust, CREDITOR_OIN, { now });
}

/** The same party signing with a chosen x5c (e.g. the leaf only). */
function withChain(party: TestParty, chainPem: string[]): TestParty {
  return {
    ...party,
    identity: loadSigningIdentity({ certPem: chainPem.join(''), keyPem: party.issued.keyPem }),
  };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'skp-trust-store-'));
}

describe('TrustStore: chains through intermediate CAs', () => {
  let root: PemKeyPair;
  let subCa: IntermediateCa;
  let party: TestParty;

  beforeAll(() => {
    root = createDevCa({ commonName: 'Test Root CA' });
    subCa = createIntermediateCa(root, { commonName: 'Test Sub-CA' });
    party = createTestParty(subCa, { oin: CREDITOR_OIN, name: 'Sub-CA klant BV' });
  });

  it('accepts a leaf issued by an intermediate, with the intermediate in x5c and only the root as anchor', () => {
    expect(party.identity.chainPem).toHaveLength(3); // leaf, sub-CA, root
    const trust = new TrustStore([root.certPem]);
    expect(verifyAs(party, trust)).toMatchObject({ ok: true, signerOin: CREDITOR_OIN });
    // x5c up to, not including, the anchor
    expect(verifyAs(withChain(party, party.issued.chainPem.slice(0, 2)), trust).ok).toBe(true);
    expect(trust.knownCaCount).toBe(2); // the sub-CA was learned from the verified x5c
  });

  it('accepts a leaf-only x5c when the intermediate is configured, and refuses it otherwise', () => {
    const leafOnly = withChain(party, [party.issued.certPem]);
    expect(verifyAs(leafOnly, new TrustStore([root.certPem]))).toMatchObject({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'chain does not lead to a trust anchor',
    });
    const configured = new TrustStore([root.certPem], [], { intermediatePems: [subCa.certPem] });
    expect(verifyAs(leafOnly, configured).ok).toBe(true);
  });

  it('refuses a wrong intermediate (same name, other key) and an intermediate of an untrusted root', () => {
    const trust = new TrustStore([root.certPem]);
    const impostorSubCa = createIntermediateCa(root, { commonName: 'Test Sub-CA' });
    const wrongChain = withChain(party, [party.issued.certPem, impostorSubCa.certPem]);
    expect(verifyAs(wrongChain, trust)).toMatchObject({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'certificate chain is broken',
    });

    const otherRoot = createDevCa({ commonName: 'Untrusted Root' });
    const strangerSubCa = createIntermediateCa(otherRoot, { commonName: 'Stranger Sub-CA' });
    const stranger = createTestParty(strangerSubCa, { oin: CREDITOR_OIN, name: 'Stranger BV' });
    expect(verifyAs(stranger, trust)).toMatchObject({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'chain does not lead to a trust anchor',
    });
  });

  it('refuses an expired intermediate, and re-checks its dates on a cached chain', () => {
    const trust = new TrustStore([root.certPem]);
    const expiredSubCa = createIntermediateCa(root, {
      commonName: 'Expired Sub-CA',
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const leaf = createTestParty(expiredSubCa, { oin: CREDITOR_OIN, name: 'Laat BV' });
    expect(verifyAs(leaf, trust)).toEqual({
      ok: false,
      code: 'CERTIFICATE_EXPIRED',
      reason: 'issuing CA certificate expired',
    });
    const shortSubCa = createIntermediateCa(root, { commonName: 'Short Sub-CA', validDays: 30 });
    const later = createTestParty(shortSubCa, { oin: CREDITOR_OIN, name: 'Later BV' });
    expect(verifyAs(later, trust).ok).toBe(true);
    expect(verifyAs(later, trust, new Date(Date.now() + 60 * DAY))).toMatchObject({
      code: 'CERTIFICATE_EXPIRED',
      reason: 'issuing CA certificate expired',
    });
  });

  it('refuses an issuer that is not a CA or may not sign certificates, and a path too long for its root', () => {
    const trust = new TrustStore([root.certPem]);
    const notCa = createIntermediateCa(root, { commonName: 'Not a CA', isCa: false });
    expect(verifyAs(createTestParty(notCa, { oin: CREDITOR_OIN, name: 'A BV' }), trust)).toMatchObject({
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'issuing certificate is not a CA (basicConstraints)',
    });
    const noCertSign = createIntermediateCa(root, { commonName: 'CRL-only CA', keyUsage: ['cRLSign'] });
    expect(verifyAs(createTestParty(noCertSign, { oin: CREDITOR_OIN, name: 'B BV' }), trust)).toMatchObject({
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'issuing CA certificate lacks keyUsage keyCertSign',
    });

    const strictRoot = createDevCa({ commonName: 'Strict Root' });
    const strictTrust = new TrustStore([strictRoot.certPem]);
    const level1 = createIntermediateCa(strictRoot, { commonName: 'Level 1', pathLength: 0 });
    const level2 = createIntermediateCa(level1, { commonName: 'Level 2' });
    expect(verifyAs(createTestParty(level1, { oin: CREDITOR_OIN, name: 'C BV' }), strictTrust).ok).toBe(true);
    expect(verifyAs(createTestParty(level2, { oin: CREDITOR_OIN, name: 'D BV' }), strictTrust)).toMatchObject(
      {
        code: 'CERTIFICATE_UNTRUSTED',
        reason: 'path length constraint of an issuing CA exceeded',
      },
    );
  });

  it('refuses a configured intermediate that does not chain to an anchor, naming it', () => {
    const otherRoot = createDevCa({ commonName: 'Elsewhere Root' });
    const foreign = createIntermediateCa(otherRoot, { commonName: 'Foreign Sub-CA' });
    expect(() => new TrustStore([root.certPem], [], { intermediatePems: [foreign.certPem] })).toThrow(
      /TRUST_INTERMEDIATES: .*Foreign Sub-CA/,
    );
  });
});

describe('TrustStore: key usage of the signer certificate', () => {
  let ca: PemKeyPair;
  let trust: TrustStore;

  beforeAll(() => {
    ca = createDevCa({ commonName: 'Key Usage CA' });
    trust = new TrustStore([ca.certPem]);
  });

  it('refuses a signer certificate without digitalSignature or nonRepudiation', () => {
    const encipherOnly = createTestParty(ca, {
      oin: CREDITOR_OIN,
      name: 'E BV',
      keyUsage: ['keyEncipherment'],
    });
    expect(verifyAs(encipherOnly, trust)).toEqual({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'signer certificate not for signing: keyUsage must include digitalSignature or nonRepudiation',
    });
    const noKeyUsage = createTestParty(ca, { oin: CREDITOR_OIN, name: 'F BV', keyUsage: [] });
    expect(verifyAs(noKeyUsage, trust)).toMatchObject({ ok: false, code: 'CERTIFICATE_UNTRUSTED' });
  });

  it.each([['nonRepudiation'], ['digitalSignature']] as const)('accepts a signer with %s alone', (usage) => {
    const signer = createTestParty(ca, { oin: CREDITOR_OIN, name: 'G BV', keyUsage: [usage] });
    expect(verifyAs(signer, trust).ok).toBe(true);
  });
});

describe('TrustStore: CRLs of any CA in a trusted chain', () => {
  let root: PemKeyPair;
  let subCa: IntermediateCa;
  let party: TestParty;
  let revokedParty: TestParty;

  beforeAll(() => {
    root = createDevCa({ commonName: 'CRL Root CA' });
    subCa = createIntermediateCa(root, { commonName: 'CRL Sub-CA' });
    party = createTestParty(subCa, { oin: CREDITOR_OIN, name: 'Goed BV' });
    revokedParty = createTestParty(subCa, { oin: CREDITOR_OIN, name: 'Ingetrokken BV' });
  });

  function storeWithCrlFiles(
    files: Record<string, string>,
    options: ConstructorParameters<typeof TrustStore>[2] = {},
  ) {
    const dir = tempDir();
    const paths = Object.entries(files).map(([name, content]) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    });
    const events: TrustEvent[] = [];
    const trust = new TrustStore([root.certPem], [], { ...options, crlFiles: paths });
    trust.onEvent((event) => events.push(event));
    return { trust, dir, events };
  }

  it('revokes a leaf listed in its sub-CA CRL (intermediate configured)', () => {
    const crl = issueRevocationList(subCa, { revokedCertPems: [revokedParty.issued.certPem] });
    const trust = new TrustStore([root.certPem], [crl], { intermediatePems: [subCa.certPem] });
    expect(verifyAs(revokedParty, trust)).toEqual({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'revoked',
    });
    expect(verifyAs(party, trust).ok).toBe(true);
  });

  it('keeps a CRL whose CA is not known yet pending (no crash), and applies it once x5c makes the CA known', () => {
    const crl = issueRevocationList(subCa, { revokedCertPems: [revokedParty.issued.certPem] });
    const events: TrustEvent[] = [];
    const trust = new TrustStore([root.certPem], [crl]);
    trust.onEvent((event) => events.push(event));
    expect(trust.health().warnings).toEqual([
      expect.stringMatching(/^CRL of C=NL, O=Schuldenknooppunt ontwikkeling, CN=CRL Sub-CA .* is pending/),
    ]);
    expect(events).toEqual([expect.objectContaining({ level: 'warn', event: 'crl.pending' })]);

    expect(verifyAs(party, trust).ok).toBe(true); // teaches the store the sub-CA
    expect(events.map((e) => e.event)).toEqual(['crl.pending', 'ca.learned', 'crl.applied']);
    expect(trust.health()).toMatchObject({ status: 'ok', warnings: [] });
    expect(verifyAs(revokedParty, trust)).toMatchObject({ code: 'CERTIFICATE_UNTRUSTED', reason: 'revoked' });
  });

  it('keeps a CRL of a CA that never chains to an anchor pending forever, without effect', () => {
    const stranger = createDevCa({ commonName: 'Stranger CA' });
    const trust = new TrustStore([root.certPem], [createRevocationList(stranger, [party.issued.certPem])]);
    expect(verifyAs(party, trust).ok).toBe(true);
    expect(trust.health().warnings).toEqual([expect.stringContaining('CN=Stranger CA')]);
  });

  it('refuses a leaf whose intermediate is revoked in the root CRL', () => {
    const rootCrl = issueRevocationList(root, { revokedCertPems: [subCa.certPem] });
    const trust = new TrustStore([root.certPem], [rootCrl]);
    expect(verifyAs(party, trust)).toEqual({
      ok: false,
      code: 'CERTIFICATE_UNTRUSTED',
      reason: 'issuing CA certificate revoked',
    });
  });

  it('applies a rewritten CRL file on reload, also on the timer', async () => {
    const { trust, dir } = storeWithCrlFiles({ 'sub.crl': issueRevocationList(subCa) });
    expect(verifyAs(party, trust).ok).toBe(true);
    writeFileSync(
      join(dir, 'sub.crl'),
      issueRevocationList(subCa, { revokedCertPems: [party.issued.certPem] }),
    );
    expect(verifyAs(party, trust).ok).toBe(true); // not yet reloaded
    const stop = trust.startReloading(20);
    try {
      const deadline = Date.now() + 5000;
      while (verifyAs(party, trust).ok && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      stop();
    }
    expect(verifyAs(party, trust)).toMatchObject({ code: 'CERTIFICATE_UNTRUSTED', reason: 'revoked' });
  });

  it('logs and shows a malformed or missing CRL file, never throws, and keeps the previous good CRL', () => {
    const good = issueRevocationList(subCa, { revokedCertPems: [revokedParty.issued.certPem] });
    const { trust, dir, events } = storeWithCrlFiles({ 'sub.crl': good });
    writeFileSync(join(dir, 'root.crt'), root.certPem);
    expect(verifyAs(party, trust).ok).toBe(true);
    expect(verifyAs(revokedParty, trust)).toMatchObject({ reason: 'revoked' });

    const lines = good.trimEnd().split('\n');
    const damage = (index: number) =>
      lines
        .map((line, i) => (i === index ? (line.startsWith('AAAA') ? 'BBBB' : 'AAAA') + line.slice(4) : line))
        .join('\n');
    for (const content of [damage(lines.length - 2), damage(3), 'not a CRL at all', '']) {
      writeFileSync(join(dir, 'sub.crl'), content);
      expect(() => trust.reloadRevocationLists()).not.toThrow();
      expect(verifyAs(revokedParty, trust)).toMatchObject({ reason: 'revoked' });
      expect(trust.health().status).toBe('warn');
    }
    expect(events.filter((e) => e.level === 'error')).toEqual([
      expect.objectContaining({ event: 'crl.unreadable', source: 'sub.crl' }),
      expect.objectContaining({ event: 'crl.unreadable', source: 'sub.crl' }),
    ]);
    expect(trust.health().warnings).toEqual([
      expect.stringMatching(/^CRL file sub\.crl could not be loaded: no PEM X509 CRL/),
      expect.stringMatching(/^CRL of .* \(sub\.crl\) is pending/), // the copy with a damaged issuer name
    ]);

    const missing = TrustStore.fromFiles([join(dir, 'root.crt')], [join(dir, 'nope.crl')]);
    expect(missing.health().warnings).toEqual([
      'CRL file nope.crl could not be loaded: cannot read the file (ENOENT)', // no directory on public /health
    ]);
  });

  describe('a CRL past its nextUpdate', () => {
    const staleCrl = () =>
      issueRevocationList(subCa, {
        thisUpdate: new Date(Date.now() - 10 * DAY),
        nextUpdate: new Date(Date.now() - DAY),
      });

    it('is a warning naming the CA under CRL_STALE_POLICY=warn (the default), and certificates still verify', () => {
      const trust = new TrustStore([root.certPem], [staleCrl()], { intermediatePems: [subCa.certPem] });
      expect(verifyAs(party, trust).ok).toBe(true);
      const health = trust.health();
      expect(health.status).toBe('warn');
      expect(health.warnings).toEqual([
        expect.stringMatching(/^CRL of .*CN=CRL Sub-CA is stale \(nextUpdate /),
      ]);
      expect(health.revocationLists).toEqual([
        expect.objectContaining({ ca: expect.stringContaining('CRL Sub-CA'), stale: true }),
      ]);
    });

    it('refuses certificates of that CA under CRL_STALE_POLICY=fail, until a fresh CRL is loaded', () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'sub.crl'), staleCrl());
      writeFileSync(join(dir, 'sub-ca.crt'), subCa.certPem);
      writeFileSync(join(dir, 'root.crt'), root.certPem);
      const trust = TrustStore.fromSettings({
        TRUST_ANCHORS: join(dir, 'root.crt'),
        TRUST_INTERMEDIATES: join(dir, 'sub-ca.crt'),
        TRUST_CRLS: join(dir, 'sub.crl'),
        CRL_STALE_POLICY: 'fail',
      });
      expect(verifyAs(party, trust)).toMatchObject({
        ok: false,
        code: 'CERTIFICATE_UNTRUSTED',
        reason: expect.stringContaining('past its nextUpdate'),
      });
      expect(trust.health().warnings[0]).toContain('refused');
      // a certificate of another CA (the root itself issues it) is not affected
      const direct = createTestParty(root, { oin: CREDITOR_OIN, name: 'Direct BV' });
      expect(verifyAs(direct, trust).ok).toBe(true);

      writeFileSync(join(dir, 'sub.crl'), issueRevocationList(subCa));
      trust.reloadRevocationLists();
      expect(verifyAs(party, trust).ok).toBe(true);
      expect(trust.health()).toMatchObject({ status: 'ok', warnings: [] });
    });
  });

  it('reads its validated settings, with defaults', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'root.crt'), root.certPem);
    const env = { TRUST_ANCHORS: join(dir, 'root.crt') };
    expect(TrustStore.fromSettings(env)).toMatchObject({
      crlStalePolicy: 'warn',
      crlReloadIntervalMs: 900_000,
    });
    expect(TrustStore.fromSettings({ ...env, CRL_RELOAD_INTERVAL_MS: 500 }).crlReloadIntervalMs).toBe(500);
  });

  it('names CAs in /health by subject only (X509 subject of the CA)', () => {
    const trust = new TrustStore([root.certPem], [issueRevocationList(root)]);
    expect(trust.health().revocationLists).toEqual([
      {
        ca: new X509Certificate(root.certPem).subject.split('\n').join(', '),
        thisUpdate: expect.any(String),
        nextUpdate: expect.any(String),
        stale: false,
      },
    ]);
  });
});
