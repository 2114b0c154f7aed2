import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyMessage } from '@skp/crypto';
import { SkpMessage } from '@skp/messages';
import { anUnsignedKennisgeving } from './factories/messages.factory';
import { eventually } from './support/eventually';
import { HubDb } from './support/hub-db';
import { HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { databaseUrl, TestIssuer, TestParty, testOin } from './support/test-env';

const DAY = 86_400_000;
const SUB_CA_NAME = 'SKP test Sub-CA';

interface Health {
  status: string;
  checks: Record<string, string>;
  warnings: string[];
  revocationLists: Array<{ ca: string; thisUpdate: string; nextUpdate: string | null; stale: boolean }>;
}

/**
 * Certificates as PKIoverheid issues them: the hub trusts only the root (TRUST_ANCHORS), a party's
 * certificate comes from a sub-CA (its x5c carries the sub-CA), and both CAs publish CRLs that the
 * hub re-reads on a schedule (TRUST_CRLS, CRL_RELOAD_INTERVAL_MS).
 */
describe('hub certificates: sub-CA chains, CRL reload and stale CRLs (real hub, broker, Postgres)', () => {
  let h: HubHarness;
  let db: HubDb;
  let crlDir: string;
  let rootCrlPath: string;
  let subCrlPath: string;
  let subCa: TestIssuer;
  let subCaParty: TestParty;
  let municipality: PartyClient;
  let creditor: PartyClient;

  async function health(): Promise<{ httpStatus: number; body: Health }> {
    const response = await fetch(`${h.hub.url}/health`);
    return { httpStatus: response.status, body: (await response.json()) as Health };
  }

  const subCaList = (body: Health) => body.revocationLists.find((l) => l.ca.includes(`CN=${SUB_CA_NAME}`));

  const kennisgeving = () =>
    anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PRIVATE' });

  beforeAll(async () => {
    crlDir = mkdtempSync(join(tmpdir(), 'skp-crls-'));
    rootCrlPath = join(crlDir, 'root.crl');
    subCrlPath = join(crlDir, 'sub-ca.crl');
    // the CRL files appear only after the hub started: a missing file is a warning, never a crash
    // with an inspection worker: a revocation loaded while the hub runs counts at once (trust stays on the main thread)
    h = await startHub({
      TRUST_CRLS: `${rootCrlPath},${subCrlPath}`,
      CRL_RELOAD_INTERVAL_MS: '250',
      HUB_INSPECTION_WORKERS: '1',
    });
    db = await HubDb.open(databaseUrl(h.databases[0]));
    subCa = h.pki.subCa('sub-ca', SUB_CA_NAME);
    subCaParty = subCa.issueParty('municipality', testOin(1), 'Test gemeente (sub-CA)');
    const c = h.pki.party('creditor', testOin(2), 'Test schuldeiser');
    await h.registerParty(subCaParty, 'MUNICIPALITY', false);
    await h.registerParty(c, 'CREDITOR', false);
    municipality = await new PartyClient(subCaParty, h.prefix).connect();
    creditor = await new PartyClient(c, h.prefix).connect();
  });

  afterAll(async () => {
    await Promise.all([municipality, creditor].map((client) => client?.close()));
    await db?.close();
    await h?.teardown();
    rmSync(crlDir, { recursive: true, force: true });
  });

  it('runs with its CRL files missing, showing that as /health warnings rather than downtime', async () => {
    const { httpStatus, body } = await health();
    expect(httpStatus).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.trustStore).toBe('warn');
    expect(body.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^CRL file root\.crl could not be loaded/),
        expect.stringMatching(/^CRL file sub-ca\.crl could not be loaded/),
      ]),
    );
  });

  it("registers a sub-CA party under its leaf's fingerprint, and refuses a certificate not made for signing", async () => {
    const response = await fetch(`${h.hub.url}/api/parties/${subCaParty.oin}`, {
      headers: { authorization: `Bearer ${await h.adminToken()}` },
    });
    const view = (await response.json()) as { certificates: Array<{ sha256: string }> };
    const leaf = new X509Certificate(subCaParty.certPem);
    expect(view.certificates.map((c) => c.sha256)).toEqual([
      leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
    ]);

    const encryptionOnly = subCa.issueParty('encryption-only', testOin(2), 'Alleen versleutelen BV', {
      keyUsage: ['keyEncipherment'],
    });
    h.registered.push(encryptionOnly.oin); // should the refusal fail, teardown still removes its queue
    const refused = await fetch(`${h.hub.url}/api/parties`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await h.adminToken()}` },
      body: JSON.stringify({
        oin: encryptionOnly.oin,
        name: encryptionOnly.name,
        kind: 'CREDITOR',
        bsnAllowed: false,
        certificatePem: encryptionOnly.certPem,
      }),
    });
    expect(refused.status).toBe(400);
    const refusal = (await refused.json()) as { violations: unknown[] };
    expect(refusal).toMatchObject({
      message: expect.stringMatching(/^certificatePem: .*digitalSignature or nonRepudiation/),
    });
    expect(refusal.violations[0]).toMatchObject({
      field: 'certificatePem',
      message: expect.stringMatching(/^certificatePem: .*digitalSignature or nonRepudiation/),
    });
  });

  it('routes a message signed with a sub-CA certificate (only the root is a trust anchor)', async () => {
    writeFileSync(rootCrlPath, h.pki.root.revocationList([]));
    writeFileSync(subCrlPath, subCa.revocationList([], { thisUpdate: new Date(Date.now() - 60_000) }));
    // the sub-CA's CRL waits until the hub knows the sub-CA
    await eventually(
      async () =>
        (await health()).body.warnings.some((w) => w.includes(`CN=${SUB_CA_NAME} (sub-ca.crl) is pending`)),
      { what: 'the sub-CA CRL pending in /health' },
    );

    const sent = await municipality.send(kennisgeving());
    const accepted = await municipality.waitForReceipt(sent.header.messageId, 'ACCEPTED');
    expect(verifyMessage(accepted as SkpMessage, h.pki.trust).ok).toBe(true);
    await eventually(() => creditor.received.find((r) => r.messageId === sent.header.messageId), {
      what: 'delivery to the creditor',
    });

    // the verified x5c made the sub-CA known, so its CRL applies now
    const { body } = await health();
    expect(subCaList(body)).toMatchObject({ stale: false });
    expect(body).toMatchObject({ status: 'ok', checks: { trustStore: 'ok' }, warnings: [] });
  });

  it('refuses the party as CERTIFICATE_UNTRUSTED once its sub-CA revokes it and the CRL is reloaded; nothing routed', async () => {
    const revokedAt = new Date();
    writeFileSync(subCrlPath, subCa.revocationList([subCaParty], { thisUpdate: revokedAt }));
    await eventually(
      async () => {
        const list = subCaList((await health()).body);
        return list && Date.parse(list.thisUpdate) === Math.floor(revokedAt.getTime() / 1000) * 1000;
      },
      { what: 'the reloaded sub-CA CRL in /health' },
    );

    const sent = await municipality.send(kennisgeving());
    const id = sent.header.messageId;
    // a revoked certificate proves nobody: evidence without the body, and no receipt to anyone
    expect(await db.deadLetter(id)).toEqual({ reason_code: 'CERTIFICATE_UNTRUSTED', content: null });
    expect(await db.message(id)).toBeUndefined();
    // whatever the decision published has left the hub's outbox: no receipt was among it
    await eventually(
      async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM "outbox"'))[0].n === 0,
      { what: "the hub's outbox to drain" },
    );
    expect(municipality.receiptsFor(id)).toEqual([]);
    expect(creditor.received.filter((r) => r.messageId === id)).toHaveLength(0);
  });

  it('shows a stale CRL (past its nextUpdate) as a /health warning naming the CA, and stays up', async () => {
    writeFileSync(
      subCrlPath,
      subCa.revocationList([subCaParty], {
        thisUpdate: new Date(Date.now() + 1000 - 10 * DAY),
        nextUpdate: new Date(Date.now() - DAY),
      }),
    );
    const { httpStatus, body } = await eventually(
      async () => {
        const current = await health();
        return subCaList(current.body)?.stale ? current : undefined;
      },
      { what: 'a stale sub-CA CRL in /health' },
    );
    expect(httpStatus).toBe(200);
    expect(body.status).toBe('ok');
    expect(body.checks.trustStore).toBe('warn');
    expect(body.warnings).toEqual([
      expect.stringMatching(new RegExp(`^CRL of .*CN=${SUB_CA_NAME} is stale \\(nextUpdate `)),
    ]);
    // names the CA, nothing about parties
    expect(JSON.stringify(body)).not.toContain(subCaParty.oin);
  });
});
