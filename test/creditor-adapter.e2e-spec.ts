import { createServer, IncomingMessage, Server } from 'node:http';
import { createTestPki, testOin, TestParty } from './support/test-env';
import { startHub, HubHarness } from './support/hub-harness';
import { eventually } from './support/eventually';
import {
  aBsn,
  connectMunicipality,
  CreditorAdapter,
  startCreditorAdapter,
  TestMunicipality,
} from './support/creditor-network';
import { anUnsignedKennisgeving, anUnsignedProgressUpdate } from './factories/messages.factory';
import { signMessage, verifyMessage } from '@skp/crypto';
import {
  addCalendarMonths,
  DeliveryReceiptBody,
  Kennisgeving,
  PauseAcknowledgement,
  SkpMessage,
} from '@skp/messages';

/**
 * The creditor adapter in a real network: hub process, broker, Postgres, certificates. A test
 * municipality sends through the hub with amqplib and reads its own queue.
 */
describe('creditor adapter (e2e)', () => {
  let harness: HubHarness;
  let municipality: TestMunicipality;
  let publicCreditor: CreditorAdapter; // BSN allowed, auto-acknowledge
  let privateCreditor: CreditorAdapter; // no BSN, manual answers, webhook
  let webhook: { server: Server; url: string; calls: WebhookCall[]; failFirst: number };

  beforeAll(async () => {
    harness = await startHub();
    const muni = harness.pki.party('municipality', testOin(1), 'Test gemeente');
    const pub = harness.pki.party('creditor-public', testOin(3), 'Test CJIB');
    const priv = harness.pki.party('creditor-private', testOin(3), 'Test energie');
    await harness.registerParty(muni, 'MUNICIPALITY', false);
    await harness.registerParty(pub, 'CREDITOR', true);
    await harness.registerParty(priv, 'CREDITOR', false);
    webhook = await startWebhook(2);
    [publicCreditor, privateCreditor] = await Promise.all([
      startCreditorAdapter(harness, pub, { CREDITOR_BSN_ALLOWED: 'true', CREDITOR_AUTO_ACK: 'true' }),
      startCreditorAdapter(harness, priv, {
        CREDITOR_WEBHOOK_URL: webhook.url,
        CREDITOR_WEBHOOK_BASE_DELAY_MS: '100',
        CREDITOR_WEBHOOK_POLL_MS: '100',
      }),
    ]);
    municipality = await connectMunicipality(harness, muni);
  });

  afterAll(async () => {
    await municipality?.close();
    await Promise.all([publicCreditor?.app.stop(), privateCreditor?.app.stop()]);
    await new Promise((resolve) => webhook?.server.close(resolve));
    await harness?.teardown();
  });

  const kennisgevingTo = (
    creditor: CreditorAdapter,
    body: Parameters<typeof anUnsignedKennisgeving>[0] = {},
  ) => anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.party.oin, ...body });

  async function answerOf(kennisgevingId: string): Promise<PauseAcknowledgement> {
    return (await municipality.waitFor(
      `answer to ${kennisgevingId}`,
      (m) => m.header.type === 'PauseAcknowledgement' && m.header.inReplyTo === kennisgevingId,
    )) as PauseAcknowledgement;
  }

  async function deliveredReceiptOf(messageId: string): Promise<SkpMessage> {
    return municipality.waitFor(
      `DELIVERED receipt for ${messageId}`,
      (m) => m.header.inReplyTo === messageId && receiptStatus(m) === 'DELIVERED',
    );
  }

  it('auto-acknowledges a PUBLIC Kennisgeving: hub ACCEPTED, creditor DELIVERED and PAUSED, signed by the creditor', async () => {
    const bsn = aBsn();
    const sent = (await municipality.send(
      kennisgevingTo(publicCreditor, {
        variant: 'PUBLIC',
        body: { debtor: { ...kennisgevingTo(publicCreditor).body.debtor, bsn } },
      }),
    )) as Kennisgeving;
    const id = sent.header.messageId;

    const accepted = await municipality.waitFor(
      'ACCEPTED receipt',
      (m) => m.header.inReplyTo === id && receiptStatus(m) === 'ACCEPTED',
    );
    expect(accepted.header.sender).toBe(harness.hubParty.oin);

    const delivered = await deliveredReceiptOf(id);
    expect(delivered.header.sender).toBe(publicCreditor.party.oin);
    expect(verifyMessage(delivered, harness.pki.trust)).toMatchObject({
      ok: true,
      signerOin: publicCreditor.party.oin,
    });

    const answer = await answerOf(id);
    expect(verifyMessage(answer, harness.pki.trust)).toMatchObject({
      ok: true,
      signerOin: publicCreditor.party.oin,
    });
    expect(answer.header).toMatchObject({
      sender: publicCreditor.party.oin,
      recipient: municipality.oin,
      conversationId: id,
    });
    expect(answer.body).toEqual({ decision: 'PAUSED', pausedUntil: sent.body.pause.end });

    const lookup = await publicCreditor.api('POST', '/pauses/lookup', { bsn });
    expect(lookup.status).toBe(200);
    expect(lookup.body).toEqual({
      paused: true,
      pausedUntil: sent.body.pause.end,
      since: sent.body.pause.start,
      caseReference: sent.body.caseReference,
      municipality: sent.body.municipality,
      counsellor: sent.body.counsellor,
      conversationId: id,
    });
    expect((await publicCreditor.api('POST', '/pauses/lookup', { bsn: aBsn() })).body).toEqual({
      paused: false,
    });

    const entry = await publicCreditor.api('GET', `/inbox/${id}`);
    expect(entry.body).toMatchObject({
      state: 'ANSWERED',
      answer: { decision: 'PAUSED', answeredBy: 'AUTO', messageId: answer.header.messageId },
    });
    expect(entry.body.message.signature).toBe(sent.signature);
  });

  it('guards the API with the bearer token, but not /health and /metrics', async () => {
    expect((await publicCreditor.api('GET', '/inbox', undefined, '')).status).toBe(401);
    expect((await publicCreditor.api('POST', '/pauses/lookup', { bsn: aBsn() }, 'wrong-token')).status).toBe(
      401,
    );
    expect((await fetch(`${publicCreditor.app.url}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${publicCreditor.app.url}/metrics`)).text();
    expect(metrics).toMatch(/skp_creditor_messages_received_total\{[^}]*type="Kennisgeving"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/skp_creditor_acknowledgements_sent_total\{[^}]*decision="PAUSED"[^}]*\} [1-9]/);
    expect((await fetch(`${publicCreditor.app.url}/docs`)).status).toBe(200);
  });

  it('lets a person answer a PRIVATE Kennisgeving: NEW in the inbox, DECLINED reaches the municipality, once', async () => {
    const base = kennisgevingTo(privateCreditor, { variant: 'PRIVATE' });
    const surname = `Jansen ${randomLetters()}`;
    const sent = (await municipality.send({
      ...base,
      body: {
        ...base.body,
        debtor: { ...base.body.debtor, surname },
        creditorCustomerNumber: `K-${randomLetters()}`,
      },
    })) as Kennisgeving;
    const id = sent.header.messageId;
    await deliveredReceiptOf(id);

    const inbox = await privateCreditor.api('GET', '/inbox?type=Kennisgeving&state=NEW');
    expect(inbox.body.messages.map((m: { messageId: string }) => m.messageId)).toContain(id);
    expect(municipality.repliesTo(id, 'PauseAcknowledgement')).toHaveLength(0);

    const byPerson = await privateCreditor.api('POST', '/pauses/lookup', {
      surname: `de ${surname.toUpperCase()}`,
      birthDate: sent.body.debtor.birthDate,
      postcode: '3521 az',
    });
    expect(byPerson.body).toMatchObject({
      paused: true,
      pausedUntil: sent.body.pause.end,
      conversationId: id,
    });
    const byCustomer = await privateCreditor.api('POST', '/pauses/lookup', {
      customerNumber: sent.body.creditorCustomerNumber,
    });
    expect(byCustomer.body).toMatchObject({ paused: true, caseReference: sent.body.caseReference });
    const byBsn = await privateCreditor.api('POST', '/pauses/lookup', { bsn: aBsn() });
    expect(byBsn.status).toBe(403);

    const bad = await privateCreditor.api('POST', `/inbox/${id}/acknowledgement`, { decision: 'DECLINED' });
    expect(bad.status).toBe(400);
    expect(bad.body.violations[0]).toMatchObject({ field: 'declineReason', rule: 'required-iff-DECLINED' });
    const tooLong = await privateCreditor.api('POST', `/inbox/${id}/acknowledgement`, {
      decision: 'PAUSED',
      pausedUntil: addCalendarMonths(sent.body.pause.end, 1),
    });
    expect(tooLong.body.violations[0]).toMatchObject({ field: 'pausedUntil', rule: 'max-requested-end' });
    expect(
      (
        await privateCreditor.api('POST', `/inbox/${crypto.randomUUID()}/acknowledgement`, {
          decision: 'DECLINED',
          declineReason: 'OTHER',
        })
      ).status,
    ).toBe(404);

    const ok = await privateCreditor.api('POST', `/inbox/${id}/acknowledgement`, {
      decision: 'DECLINED',
      declineReason: 'DEBTOR_UNKNOWN',
      note: 'Geen klant bij ons',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      state: 'ANSWERED',
      answer: { decision: 'DECLINED', declineReason: 'DEBTOR_UNKNOWN', answeredBy: 'MANUAL' },
    });

    const answer = await answerOf(id);
    expect(verifyMessage(answer, harness.pki.trust)).toMatchObject({
      ok: true,
      signerOin: privateCreditor.party.oin,
    });
    expect(answer.body).toEqual({
      decision: 'DECLINED',
      declineReason: 'DEBTOR_UNKNOWN',
      note: 'Geen klant bij ons',
    });

    const again = await privateCreditor.api('POST', `/inbox/${id}/acknowledgement`, {
      decision: 'DECLINED',
      declineReason: 'OTHER',
    });
    expect(again.status).toBe(409);
    // The hub's ACCEPTED receipt for the answer is recorded on the inbox entry.
    await eventually(
      async () => (await privateCreditor.api('GET', `/inbox/${id}`)).body.answer.status === 'ACCEPTED',
      { what: 'answer ACCEPTED' },
    );
    expect(municipality.repliesTo(id, 'PauseAcknowledgement')).toHaveLength(1);
  });

  it("ignores a REJECTED receipt for its answer that is not the hub's, or that comes after the hub's ACCEPTED", async () => {
    const sent = await municipality.send(kennisgevingTo(privateCreditor, { variant: 'PRIVATE' }));
    const id = sent.header.messageId;
    await deliveredReceiptOf(id);
    const ok = await privateCreditor.api('POST', `/inbox/${id}/acknowledgement`, {
      decision: 'DECLINED',
      declineReason: 'DEBTOR_UNKNOWN',
    });
    expect(ok.status).toBe(201);
    const answer = await answerOf(id);
    await eventually(
      async () => (await privateCreditor.api('GET', `/inbox/${id}`)).body.answer.status === 'ACCEPTED',
      { what: 'answer ACCEPTED' },
    );
    const rejection = (sender: string) => ({
      header: {
        messageId: crypto.randomUUID(),
        type: 'DeliveryReceipt' as const,
        schemaVersion: '1.0' as const,
        sender,
        recipient: privateCreditor.party.oin,
        conversationId: id,
        inReplyTo: answer.header.messageId,
        createdAt: new Date().toISOString(),
      },
      body: { status: 'REJECTED' as const, reasonCode: 'CONVERSATION_MISMATCH' as const },
    });
    // signed by the municipality (not the hub), and signed with the hub's key after the ACCEPTED
    const forgedIds: string[] = [];
    for (const [unsigned, signer] of [
      [rejection(municipality.oin), municipality.party],
      [rejection(harness.hubParty.oin), harness.hubParty],
    ] as const) {
      const signed = signMessage(unsigned, signer.identity);
      forgedIds.push(signed.header.messageId);
      await municipality.inject(
        privateCreditor.party.oin,
        Buffer.from(JSON.stringify(signed)),
        signed.header,
      );
    }
    // both were taken in (stored in the inbox, so their effect, if any, committed with them)
    for (const forgedId of forgedIds) {
      await eventually(async () => (await privateCreditor.api('GET', `/inbox/${forgedId}`)).status === 200, {
        what: `forged receipt ${forgedId} stored`,
      });
    }
    const entry = (await privateCreditor.api('GET', `/inbox/${id}`)).body;
    expect(entry.state).toBe('ANSWERED');
    expect(entry.answer.status).toBe('ACCEPTED');
    expect(entry.answer.reasonCode ?? null).toBeNull();
  });

  it('forwards each new message to the webhook, retrying with backoff after failures', async () => {
    const sent = await municipality.send(kennisgevingTo(privateCreditor, { variant: 'PRIVATE' }));
    const calls = await eventually(
      () => {
        const mine = webhook.calls.filter((c) => c.body.header.messageId === sent.header.messageId);
        return mine.some((c) => c.status === 200) ? mine : undefined;
      },
      { what: 'webhook delivery' },
    ).catch((error: Error) => {
      throw new Error(
        `${error.message}; calls: ${JSON.stringify(webhook.calls.map((c) => [c.status, c.body.header?.messageId]))}\n${privateCreditor.app.tail()}`,
      );
    });
    expect(calls.filter((c) => c.status === 200)).toHaveLength(1);
    expect(verifyMessage(calls[calls.length - 1].body, harness.pki.trust)).toMatchObject({
      ok: true,
      signerOin: municipality.oin,
    });
    // The server failed its first two calls: those messages came again, later each time, until one 200.
    const failed = webhook.calls.filter((c) => c.status === 500);
    expect(failed).toHaveLength(2);
    for (const failure of failed) {
      const id = failure.body.header.messageId;
      const attempts = await eventually(
        () => {
          const mine = webhook.calls.filter((c) => c.body.header.messageId === id);
          return mine.some((c) => c.status === 200) ? mine : undefined;
        },
        { what: `retry of ${id}` },
      );
      expect(attempts.filter((c) => c.status === 200)).toHaveLength(1);
      expect(attempts[attempts.length - 1].status).toBe(200);
      for (let i = 1; i < attempts.length; i++) {
        expect(attempts[i].at - attempts[i - 1].at).toBeGreaterThanOrEqual(90 * 2 ** (i - 1));
      }
    }
  });

  it('moves the pause register on PAUSE_EXTENDED and PAUSE_ENDED', async () => {
    const bsn = aBsn();
    const base = kennisgevingTo(publicCreditor);
    const sent = (await municipality.send({
      ...base,
      body: { ...base.body, debtor: { ...base.body.debtor, bsn } },
    })) as Kennisgeving;
    const id = sent.header.messageId;
    await answerOf(id);
    const newEnd = addCalendarMonths(sent.body.pause.start, 7);

    const extended = await municipality.send(
      anUnsignedProgressUpdate({
        sender: municipality.oin,
        recipient: publicCreditor.party.oin,
        conversationId: id,
        body: { status: 'PAUSE_EXTENDED', newPauseEnd: newEnd },
      }),
    );
    await deliveredReceiptOf(extended.header.messageId);
    expect((await publicCreditor.api('POST', '/pauses/lookup', { bsn })).body).toMatchObject({
      paused: true,
      pausedUntil: newEnd,
      since: sent.body.pause.start,
    });

    const ended = await municipality.send(
      anUnsignedProgressUpdate({
        sender: municipality.oin,
        recipient: publicCreditor.party.oin,
        conversationId: id,
        body: { status: 'PAUSE_ENDED', endReason: 'ARRANGEMENT_REACHED' },
      }),
    );
    await deliveredReceiptOf(ended.header.messageId);
    expect((await publicCreditor.api('POST', '/pauses/lookup', { bsn })).body).toEqual({ paused: false });
    const updates = await publicCreditor.api('GET', '/inbox?type=ProgressUpdate');
    expect(updates.body.messages.map((m: { messageId: string }) => m.messageId)).toEqual(
      expect.arrayContaining([extended.header.messageId, ended.header.messageId]),
    );
  });

  it('refuses unsigned and wrongly signed messages put straight on its queue', async () => {
    const creditorOin = publicCreditor.party.oin;
    const unsigned = kennisgevingTo(publicCreditor);
    const forgedParty: TestParty = createTestPki().party('forger', municipality.oin, 'Forged gemeente');
    const forged = signMessage(kennisgevingTo(publicCreditor), forgedParty.identity);
    const tampered = signMessage(kennisgevingTo(publicCreditor), municipality.party.identity);
    tampered.body.pause = { ...tampered.body.pause, end: addCalendarMonths(tampered.body.pause.start, 8) };
    for (const message of [
      { ...unsigned, signature: 'eyJhbGciOiJSUzI1NiJ9..AAAA' },
      unsigned,
      forged,
      tampered,
    ]) {
      await municipality.inject(creditorOin, Buffer.from(JSON.stringify(message)), message.header);
    }
    const marker = await municipality.send(kennisgevingTo(publicCreditor));
    await deliveredReceiptOf(marker.header.messageId);
    await eventually(
      async () => (await municipality.queueDepth(municipality.names.partyQueue(creditorOin))) === 0,
      {
        what: 'creditor queue drained',
      },
    );

    for (const message of [unsigned, forged, tampered]) {
      expect((await publicCreditor.api('GET', `/inbox/${message.header.messageId}`)).status).toBe(404);
      expect(municipality.repliesTo(message.header.messageId)).toHaveLength(0);
    }
  });

  it('stores a message delivered twice once, with one receipt and one answer', async () => {
    const sent = await municipality.send(kennisgevingTo(publicCreditor));
    const id = sent.header.messageId;
    await answerOf(id);
    await deliveredReceiptOf(id);
    // The broker redelivers the same message (same bytes, same messageId) twice more.
    const bytes = Buffer.from(JSON.stringify(sent));
    await municipality.inject(publicCreditor.party.oin, bytes, sent.header);
    await municipality.inject(publicCreditor.party.oin, bytes, sent.header);
    const marker = await municipality.send(kennisgevingTo(publicCreditor));
    await answerOf(marker.header.messageId);
    await eventually(
      async () =>
        (await municipality.queueDepth(municipality.names.partyQueue(publicCreditor.party.oin))) === 0,
      {
        what: 'creditor queue drained',
      },
    );

    const inbox = await publicCreditor.api('GET', '/inbox?type=Kennisgeving&limit=500');
    expect(inbox.body.messages.filter((m: { messageId: string }) => m.messageId === id)).toHaveLength(1);
    expect(municipality.repliesTo(id, 'PauseAcknowledgement')).toHaveLength(1);
    expect(municipality.repliesTo(id).filter((m) => receiptStatus(m) === 'DELIVERED')).toHaveLength(1);
  });

  it('loses nothing and doubles nothing when the adapter is killed and started again while messages are sent', async () => {
    const before = [
      await municipality.send(kennisgevingTo(publicCreditor)),
      await municipality.send(kennisgevingTo(publicCreditor)),
    ];
    await publicCreditor.app.stop('SIGKILL');
    const during = [];
    for (let i = 0; i < 3; i++) {
      during.push(await municipality.send(kennisgevingTo(publicCreditor)));
    }
    // All three are routed by the hub and wait on the creditor's queue while it is down.
    await eventually(
      async () =>
        (await municipality.queueDepth(municipality.names.partyQueue(publicCreditor.party.oin))) >= 3,
      {
        what: 'messages waiting on the creditor queue',
      },
    );
    await publicCreditor.app.start();

    const all = [...before, ...during];
    for (const message of all) {
      await answerOf(message.header.messageId);
      await deliveredReceiptOf(message.header.messageId);
    }
    const inbox = await publicCreditor.api('GET', '/inbox?type=Kennisgeving&limit=500');
    const ids = inbox.body.messages.map((m: { messageId: string }) => m.messageId);
    for (const message of all) {
      expect(ids.filter((id: string) => id === message.header.messageId)).toHaveLength(1);
    }
    // Let anything still in flight arrive before counting: the queue is empty and a marker is through.
    const marker = await municipality.send(kennisgevingTo(publicCreditor));
    await answerOf(marker.header.messageId);
    for (const message of all) {
      expect(municipality.repliesTo(message.header.messageId, 'PauseAcknowledgement')).toHaveLength(1);
    }
  });
});

function receiptStatus(message: SkpMessage): string | undefined {
  return message.header.type === 'DeliveryReceipt' ? (message.body as DeliveryReceiptBody).status : undefined;
}

function randomLetters(n = 8): string {
  return Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

interface WebhookCall {
  status: number;
  at: number;
  body: SkpMessage;
}

/** The collection system's endpoint: fails the first `failFirst` calls with 500, then answers 200. */
async function startWebhook(failFirst: number) {
  const calls: WebhookCall[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = calls.length < failFirst ? 500 : 200;
      calls.push({
        status,
        at: Date.now(),
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as SkpMessage,
      });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/skp-hook`, calls, failFirst };
}
