import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as amqp from 'amqplib';
import { amqpNames, SkpMessage } from '@skp/messages';
import {
  anUnsignedDeliveryReceipt,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
  anUnsignedProgressUpdate,
} from './factories/messages.factory';
import { eventually } from './support/eventually';
import { api, login } from './support/hub-api-client';
import { HubDb } from './support/hub-db';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { AMQP_URL, databaseUrl, testOin } from './support/test-env';

const ROOT = join(__dirname, '..');

/** Personal data put in the test messages; none of it may reach an operator except in evidence. */
const DEBTOR = {
  bsn: '123456782',
  givenNames: 'Hendrikje',
  surname: 'Zwanenburgerveld',
  street: 'Kastanjeboomlaan',
  postcode: '9718XK',
};
const PERSONAL = Object.values(DEBTOR);

function debtorBody(variant: 'PUBLIC' | 'PRIVATE') {
  return {
    debtor: {
      ...(variant === 'PUBLIC' ? { bsn: DEBTOR.bsn } : {}),
      givenNames: DEBTOR.givenNames,
      surname: DEBTOR.surname,
      birthDate: '1979-02-11',
      address: { street: DEBTOR.street, houseNumber: 12, postcode: DEBTOR.postcode, city: 'Groningen' },
    },
  };
}

/** Runs the operator CLI from the build; asynchronous, so the test's own HTTP connections stay serviced. */
function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register-paths.js'), join(ROOT, 'dist/apps/hub/src/cli.js'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, NODE_ENV: 'test', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The monitoring API, redelivery, evidence and the operator CLI against a real hub with real messages. */
describe('hub operator API: monitoring, redelivery and evidence', () => {
  let h: HubHarness;
  let db: HubDb;
  let url: string;
  let admin: string;
  let viewer: string;
  let municipality: PartyClient;
  let creditorBsn: PartyClient;
  let creditorPrivate: PartyClient;
  let refusing: amqp.ChannelModel;
  /** every response body an operator (not the evidence export) received in this suite */
  const seen: string[] = [];

  const get = async <T = any>(path: string, token = viewer) => {
    const r = await api<T>(url, 'GET', path, { token });
    seen.push(r.text);
    return r;
  };
  const post = async <T = any>(path: string, body: unknown, token = admin) => {
    const r = await api<T>(url, 'POST', path, { token, body });
    seen.push(r.text);
    return r;
  };

  let publicId: string;
  let privateId: string;
  let rejectedId: string;
  let ackId: string;
  let progressId: string;

  beforeAll(async () => {
    h = await startHub();
    url = h.hub.url;
    db = await HubDb.open(databaseUrl(h.databases[0]));
    admin = await login(url, HUB_ADMIN.username, HUB_ADMIN.password);
    expect(
      (
        await api(url, 'POST', '/api/operators', {
          token: admin,
          body: { username: 'viewer', password: 'viewer-password-1', role: 'viewer' },
        })
      ).status,
    ).toBe(201);
    viewer = await login(url, 'viewer', 'viewer-password-1');

    const m = h.pki.party('municipality', testOin(1), 'Gemeente Teststad');
    const c1 = h.pki.party('creditor-bsn', testOin(2), 'Publieke schuldeiser');
    const c2 = h.pki.party('creditor-private', testOin(2), 'Private schuldeiser', 'ec');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c1, 'CREDITOR', true);
    await h.registerParty(c2, 'CREDITOR', false);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditorBsn = await new PartyClient(c1, h.prefix).connect();
    creditorPrivate = await new PartyClient(c2, h.prefix).connect({ consume: false });

    // The private creditor's software refuses its first delivery: the broker dead-letters it.
    refusing = await amqp.connect(AMQP_URL);
    const channel = await refusing.createChannel();
    await channel.consume(amqpNames(h.prefix).partyQueue(c2.oin), (msg) => {
      if (msg) {
        channel.nack(msg, false, false);
        void channel.close().catch(() => undefined);
      }
    });

    const pub = await municipality.send(
      anUnsignedKennisgeving({
        sender: m.oin,
        recipient: c1.oin,
        variant: 'PUBLIC',
        body: debtorBody('PUBLIC'),
      }),
    );
    publicId = pub.header.messageId;
    const priv = await municipality.send(
      anUnsignedKennisgeving({
        sender: m.oin,
        recipient: c2.oin,
        variant: 'PRIVATE',
        body: debtorBody('PRIVATE'),
      }),
    );
    privateId = priv.header.messageId;
    const bad = await municipality.send(
      anUnsignedKennisgeving({
        sender: m.oin,
        recipient: c2.oin,
        variant: 'PUBLIC',
        body: debtorBody('PUBLIC'),
      }),
    );
    rejectedId = bad.header.messageId;

    await municipality.waitForReceipt(publicId, 'ACCEPTED');
    await municipality.waitForReceipt(rejectedId, 'REJECTED');
    await eventually(() => creditorBsn.received.find((r) => r.messageId === publicId), {
      what: 'delivery to the BSN creditor',
    });
    await creditorBsn.send(
      anUnsignedDeliveryReceipt({
        sender: c1.oin,
        recipient: m.oin,
        conversationId: publicId,
        inReplyTo: publicId,
      }),
    );
    const ack = await creditorBsn.send(
      anUnsignedPauseAcknowledgement({
        sender: c1.oin,
        recipient: m.oin,
        conversationId: publicId,
        inReplyTo: publicId,
        body: { decision: 'PAUSED', pausedUntil: pub.body.pause.end },
      }),
    );
    ackId = ack.header.messageId;
    const progress = await municipality.send(
      anUnsignedProgressUpdate({ sender: m.oin, recipient: c1.oin, conversationId: publicId }),
    );
    progressId = progress.header.messageId;
    await eventually(async () => (await db.message(publicId))?.state === 'PAUSED', {
      what: 'the public Kennisgeving PAUSED',
    });
    await eventually(async () => (await db.message(progressId))?.state === 'ROUTED' || undefined, {
      what: 'progress update routed',
    });
    await eventually(
      async () =>
        (await db.query(`SELECT 1 FROM "dead_letter" WHERE "message_id" = $1`, [privateId])).length > 0,
      {
        what: 'the private Kennisgeving dead-lettered from the party queue',
      },
    );
  });

  afterAll(async () => {
    if (process.env.SHOW_HUB_TAIL) {
      process.stderr.write(h?.hub.tail(80) ?? '');
    }
    await Promise.all([municipality, creditorBsn, creditorPrivate].map((c) => c?.close()));
    await refusing?.close().catch(() => undefined);
    await db?.close();
    await h?.teardown();
  });

  it('lists message metadata newest first with filters', async () => {
    const all = await get<{ items: any[]; nextCursor: string | null }>('/api/messages?limit=200');
    expect(all.status).toBe(200);
    const ids = all.body.items.map((m) => m.messageId);
    expect(ids).toEqual(expect.arrayContaining([publicId, privateId, rejectedId, ackId, progressId]));
    const times = all.body.items.map((m) => Date.parse(m.receivedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const pub = all.body.items.find((m) => m.messageId === publicId);
    expect(pub).toMatchObject({
      type: 'Kennisgeving',
      state: 'PAUSED',
      sender: municipality.oin,
      recipient: creditorBsn.oin,
      recipientName: 'Publieke schuldeiser',
    });
    expect(pub).not.toHaveProperty('raw');
    expect(pub).not.toHaveProperty('signerCertificate');

    const rejected = await get<{ items: any[] }>('/api/messages?state=REJECTED');
    expect(rejected.body.items.map((m) => m.messageId)).toEqual([rejectedId]);
    expect(rejected.body.items[0].reasonCode).toBe('BSN_NOT_ALLOWED');
    const acks = await get<{ items: any[] }>('/api/messages?type=PauseAcknowledgement');
    expect(acks.body.items.map((m) => m.messageId)).toEqual([ackId]);
    const toPrivate = await get<{ items: any[] }>(`/api/messages?recipient=${creditorPrivate.oin}`);
    expect(toPrivate.body.items.map((m) => m.messageId).sort()).toEqual([privateId, rejectedId].sort());
    const fromCreditor = await get<{ items: any[] }>(
      `/api/messages?sender=${creditorBsn.oin}&type=DeliveryReceipt`,
    );
    expect(fromCreditor.body.items).toHaveLength(1);
    const conversation = await get<{ items: any[] }>(`/api/messages?conversationId=${publicId}`);
    expect(conversation.body.items.map((m) => m.messageId)).toEqual(
      expect.arrayContaining([publicId, ackId, progressId]),
    );
    expect(conversation.body.items.every((m) => m.conversationId === publicId)).toBe(true);
    const future = await get<{ items: any[] }>(
      `/api/messages?since=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    expect(future.body.items).toEqual([]);
    const past = await get<{ items: any[] }>(
      `/api/messages?until=${new Date(Date.now() - 3_600_000).toISOString()}`,
    );
    expect(past.body.items).toEqual([]);
  });

  it('pages with an opaque cursor without gaps or repeats and validates its input', async () => {
    const all = await get<{ items: any[] }>('/api/messages?limit=200');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: any[]; nextCursor: string | null } } = await get(
        `/api/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.body.items.map((m) => m.messageId as string));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((m) => m.messageId));
    expect((await get('/api/messages?limit=201')).status).toBe(400);
    expect((await get('/api/messages?cursor=bogus')).status).toBe(400);
    expect((await get('/api/messages?state=LOST')).status).toBe(400);
    expect((await get('/api/messages?sender=123')).status).toBe(400);
    expect((await get('/api/messages?since=yesterday')).status).toBe(400);
  });

  it('shows one message with its timeline, receipts and conversation', async () => {
    const r = await get<any>(`/api/messages/${publicId}`);
    expect(r.status).toBe(200);
    expect(r.body.message).toMatchObject({
      messageId: publicId,
      state: 'PAUSED',
      pausedUntil: expect.any(String),
    });
    const kinds = r.body.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['RECEIVED', 'ROUTED', 'RECEIPT_ISSUED', 'DELIVERED', 'ANSWERED']),
    );
    expect(kinds[0]).toBe('RECEIVED');
    expect(r.body.receipts.map((m: { type: string }) => m.type).sort()).toEqual([
      'DeliveryReceipt',
      'PauseAcknowledgement',
    ]);
    expect(r.body.conversation.map((m: { messageId: string }) => m.messageId)).toEqual(
      expect.arrayContaining([publicId, ackId, progressId]),
    );
    expect((await get(`/api/messages/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await get(`/api/messages/not-a-uuid`)).status).toBe(400);
  });

  it('reports dashboard figures from the delivery record and the broker', async () => {
    const r = await get<any>('/api/stats');
    expect(r.status).toBe(200);
    expect(r.body.states.PAUSED).toBeGreaterThanOrEqual(1);
    expect(r.body.states.REJECTED).toBe(1);
    expect(r.body.rejectionsByReason24h).toEqual({ BSN_NOT_ALLOWED: 1 });
    expect(r.body.messagesPerMinute).toHaveLength(60);
    const total = r.body.messagesPerMinute.reduce((sum: number, m: { total: number }) => sum + m.total, 0);
    expect(total).toBe(Object.values(r.body.states as Record<string, number>).reduce((a, b) => a + b, 0));
    expect(
      r.body.messagesPerMinute.some((m: { byType: Record<string, number> }) => m.byType.Kennisgeving > 0),
    ).toBe(true);
    expect(typeof r.body.outboxBacklog).toBe('number');
    const queues = r.body.queues as { queue: string; oin: string | null; depth: number | null }[];
    expect(queues.find((q) => q.oin === creditorPrivate.oin)).toMatchObject({
      queue: amqpNames(h.prefix).partyQueue(creditorPrivate.oin),
      depth: 0,
    });
    expect(queues.find((q) => q.queue === amqpNames(h.prefix).hubInbound)?.depth).toEqual(expect.any(Number));
    // the private Kennisgeving was routed but never acknowledged by its recipient
    expect(r.body.oldestUndelivered).toMatchObject({
      messageId: expect.any(String),
      ageSeconds: expect.any(Number),
    });
  });

  it('groups overdue Kennisgevingen per creditor with answer rate and median answer time', async () => {
    await db.query(`UPDATE "message" SET "deadline_at" = now() - interval '1 day' WHERE "message_id" = $1`, [
      privateId,
    ]);
    await eventually(async () => (await db.message(privateId))?.state === 'OVERDUE', {
      what: 'the deadline job marks OVERDUE',
    });
    const r = await get<any>('/api/overdue');
    expect(r.status).toBe(200);
    const priv = r.body.creditors.find((c: { creditor: string }) => c.creditor === creditorPrivate.oin);
    expect(priv).toMatchObject({
      overdue: 1,
      kennisgevingen: 1,
      answered: 0,
      answerRate: 0,
      medianAnswerSeconds: null,
      name: 'Private schuldeiser',
    });
    const pub = r.body.creditors.find((c: { creditor: string }) => c.creditor === creditorBsn.oin);
    const [times] = await db.query<{ seconds: number }>(
      `SELECT round(extract(epoch FROM "answered_at" - "routed_at"))::int AS "seconds" FROM "message" WHERE "message_id" = $1`,
      [publicId],
    );
    expect(pub).toMatchObject({
      overdue: 0,
      kennisgevingen: 1,
      answered: 1,
      answerRate: 1,
      medianAnswerSeconds: times.seconds,
    });
    expect(r.body.creditors[0].creditor).toBe(creditorPrivate.oin);
    expect(r.body.totalOverdue).toBe(1);
  });

  it('lists dead letters without content and rejections by reason', async () => {
    const r = await get<{ items: any[] }>('/api/dead-letters');
    expect(r.status).toBe(200);
    const dl = r.body.items.find((d) => d.messageId === privateId);
    expect(dl).toMatchObject({
      type: 'Kennisgeving',
      party: creditorPrivate.oin,
      redeliveredAt: null,
      hasContent: true,
    });
    expect(dl).not.toHaveProperty('content');
    const rejections = await get<any>('/api/rejections');
    expect(rejections.body.byReason24h).toEqual({ BSN_NOT_ALLOWED: 1 });
    expect(rejections.body.items.map((m: { messageId: string }) => m.messageId)).toEqual([rejectedId]);
  });

  it('redelivers a stored message unchanged with the same messageId, for admins only', async () => {
    const before = creditorBsn.received.filter((x) => x.messageId === publicId).length;
    expect((await post(`/api/messages/${publicId}/redeliver`, {}, viewer)).status).toBe(403);
    const r = await post(`/api/messages/${publicId}/redeliver`, {});
    expect(r.status).toBe(202);
    const copies = await eventually(
      () => {
        const found = creditorBsn.received.filter((x) => x.messageId === publicId);
        return found.length === before + 1 ? found : undefined;
      },
      { what: 'the redelivered copy' },
    );
    expect(copies[copies.length - 1].raw.equals(copies[0].raw)).toBe(true);
    const detail = await get<any>(`/api/messages/${publicId}`);
    expect(detail.body.events.find((e: { kind: string }) => e.kind === 'REDELIVERED')).toMatchObject({
      cause: HUB_ADMIN.username,
    });
    expect((await post(`/api/messages/${rejectedId}/redeliver`, {})).status).toBe(409);
    await db.query(`UPDATE "message" SET "raw" = NULL, "purged_at" = now() WHERE "message_id" = $1`, [
      progressId,
    ]);
    const purged = await post<{ message: string }>(`/api/messages/${progressId}/redeliver`, {});
    expect(purged.status).toBe(409);
    expect(purged.body.message).toMatch(/purged/);
  });

  it('previews and redelivers dead letters back to the party queue', async () => {
    const [{ id }] = await db.query<{ id: string }>(
      `SELECT "id"::text FROM "dead_letter" WHERE "message_id" = $1`,
      [privateId],
    );
    const preview = await post<any>('/api/dead-letters/redeliver', { ids: [id, '999999'], dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body.items).toEqual([
      expect.objectContaining({
        id,
        messageId: privateId,
        type: 'Kennisgeving',
        queue: amqpNames(h.prefix).partyQueue(creditorPrivate.oin),
        reasonCode: expect.any(String),
        redeliverable: true,
      }),
      expect.objectContaining({ id: '999999', redeliverable: false }),
    ]);
    expect(
      (await db.query(`SELECT "redelivered_at" FROM "dead_letter" WHERE "id" = $1`, [id]))[0].redelivered_at,
    ).toBeNull();
    expect((await post(`/api/dead-letters/${id}/redeliver`, {}, viewer)).status).toBe(403);

    await creditorPrivate.close();
    creditorPrivate = await new PartyClient(creditorPrivate.party, h.prefix).connect();
    const r = await post(`/api/dead-letters/${id}/redeliver`, {});
    expect(r.status).toBe(202);
    await eventually(() => creditorPrivate.received.find((x) => x.messageId === privateId), {
      what: 'the dead letter back on the party queue',
    });
    expect((await post(`/api/dead-letters/${id}/redeliver`, {})).status).toBe(409);
    const detail = await get<any>(`/api/messages/${privateId}`);
    const kinds = detail.body.events.map((e: { kind: string }) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['DEAD_LETTERED', 'REDELIVERED']));
    const audit = await get<{ items: any[] }>('/api/audit?limit=200', admin);
    const actions = audit.body.items.map((e) => `${e.action}:${e.target}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        `dead-letters.redeliver:${id}`,
        `messages.redeliver:${publicId}`,
        'dead-letters.redeliver-bulk:' + `${id},999999`,
      ]),
    );
    // a refused admin action is audited too, with its status
    expect(
      audit.body.items.find((e) => e.action === 'messages.redeliver' && e.target === rejectedId),
    ).toMatchObject({
      operator: HUB_ADMIN.username,
      detail: { status: 409, outcome: 'failed' },
    });
  });

  it('exports an evidence bundle (admin only, audited) that the CLI verifies offline, and detects tampering', async () => {
    expect((await api(url, 'GET', `/api/messages/${publicId}/evidence`, { token: viewer })).status).toBe(403);
    const r = await api<any>(url, 'GET', `/api/messages/${publicId}/evidence`, { token: admin });
    expect(r.status).toBe(200);
    const bundle = r.body;
    expect((bundle.message as SkpMessage).header.messageId).toBe(publicId);
    expect(r.text).toContain(DEBTOR.bsn); // the signed original, as sent
    expect(bundle.receipts).toHaveLength(2);
    expect(bundle.hubReceipt.body.status).toBe('ACCEPTED');
    expect(Object.keys(bundle.certificateChains)).toHaveLength(4);
    const audit = await api<{ items: any[] }>(url, 'GET', '/api/audit?action=messages.evidence', {
      token: admin,
    });
    expect(audit.body.items[0]).toMatchObject({ operator: HUB_ADMIN.username, target: publicId });
    expect(JSON.stringify(audit.body.items)).not.toContain(DEBTOR.bsn);

    const dir = mkdtempSync(join(tmpdir(), 'skp-evidence-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, r.text);
    const verified = await runCli(['verify-evidence', good], { TRUST_ANCHORS: h.pki.caPath });
    expect(verified.stdout).toMatch(/VALID: evidence for message/);
    expect(verified.status).toBe(0);

    const tampered = JSON.parse(r.text);
    tampered.message.body.debtor.surname = 'Iemand-anders';
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    const refused = await runCli(['verify-evidence', join(dir, 'tampered.json')], {
      TRUST_ANCHORS: h.pki.caPath,
    });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/FAIL\s+message signature/);

    const reordered = JSON.parse(r.text);
    reordered.events = reordered.events.filter((e: { kind: string }) => e.kind !== 'ANSWERED');
    writeFileSync(join(dir, 'reordered.json'), JSON.stringify(reordered));
    const inconsistent = await runCli(['verify-evidence', join(dir, 'reordered.json')], {
      TRUST_ANCHORS: h.pki.caPath,
    });
    expect(inconsistent.status).toBe(1);
    expect(inconsistent.stdout).toMatch(
      /FAIL\s+answer 2 PAUSED is on the timeline|FAIL\s+answer 1 PAUSED is on the timeline/,
    );

    const otherCa = h.pki.dir + '/other-ca.crt';
    const { createDevCa } = await import('@skp/crypto/dev');
    writeFileSync(otherCa, createDevCa({ commonName: 'Someone else' }).certPem);
    const untrusted = await runCli(['verify-evidence', good], { TRUST_ANCHORS: otherCa });
    expect(untrusted.status).toBe(1);
    expect(untrusted.stdout).toMatch(/CERTIFICATE_UNTRUSTED/);
  });

  it('manages parties from the CLI, audited', async () => {
    const env = await h.hubEnv();
    const listed = await runCli(['party', 'list'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain(creditorBsn.oin);
    const extra = h.pki.party('cli-party', testOin(2), 'CLI schuldeiser');
    const added = await runCli(
      [
        'party',
        'add',
        '--oin',
        extra.oin,
        '--name',
        extra.name,
        '--kind',
        'CREDITOR',
        '--bsn-allowed',
        '--cert',
        extra.certPath,
      ],
      env,
    );
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
    h.registered.push(extra.oin); // its queue goes at teardown
    const party = await get<any>(`/api/parties/${extra.oin}`);
    expect(party.body).toMatchObject({ oin: extra.oin, bsnAllowed: true, status: 'ACTIVE' });
    expect((await runCli(['party', 'suspend', extra.oin], env)).status).toBe(0);
    expect((await get<any>(`/api/parties/${extra.oin}`)).body.status).toBe('SUSPENDED');
    expect((await runCli(['party', 'activate', extra.oin], env)).status).toBe(0);
    expect((await get<any>(`/api/parties/${extra.oin}`)).body.status).toBe('ACTIVE');
    const unknown = await runCli(['party', 'suspend', '00000099000000000000'], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/not registered/);
    expect((await runCli(['party', 'frobnicate'], env)).status).toBe(2);
    const audit = await get<{ items: any[] }>(`/api/audit?limit=50`, admin);
    expect(
      audit.body.items
        .filter((e) => e.target === extra.oin && String(e.operator).startsWith('cli:'))
        .map((e) => e.action)
        .sort(),
    ).toEqual(['parties.register', 'parties.update', 'parties.update']);
  });

  it('never shows personal data to operators outside the evidence export', async () => {
    // every message, in detail, as both roles
    const list = await get<{ items: any[] }>('/api/messages?limit=200');
    for (const m of list.body.items) {
      await get(`/api/messages/${m.messageId}`);
      await get(`/api/messages/${m.messageId}`, admin);
    }
    for (const path of [
      '/api/stats',
      '/api/overdue',
      '/api/dead-letters',
      '/api/rejections',
      '/api/parties',
      '/api/auth/me',
    ]) {
      await get(path);
    }
    for (const path of ['/api/audit?limit=500', '/api/operators']) {
      await get(path, admin);
    }
    for (const path of [
      '/',
      '/assets/app.js',
      '/assets/messages.js',
      '/assets/dashboard.js',
      '/assets/dead-letters.js',
      '/assets/parties.js',
    ]) {
      const file = await api(url, 'GET', path);
      expect(file.status).toBe(200);
      seen.push(file.text);
    }
    // the data really is in the hub (so this test can fail)...
    const [stored] = await db.query<{ raw: string }>(`SELECT "raw" FROM "message" WHERE "message_id" = $1`, [
      publicId,
    ]);
    for (const needle of PERSONAL) {
      expect(stored.raw).toContain(needle);
    }
    // ...but no operator response carries it
    const everything = seen.join('\n');
    expect(everything.length).toBeGreaterThan(10_000);
    for (const needle of PERSONAL) {
      expect(everything).not.toContain(needle);
    }
  });
});
