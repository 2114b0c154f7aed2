import { randomUUID } from 'node:crypto';
import { loadSigningIdentity, signMessage, verifyMessage } from '@skp/crypto';
import { createDevCa, issuePartyCertificate } from '@skp/crypto/dev';
import { addCalendarMonths, encode, ReasonCode, REASON_CODES, SkpMessage } from '@skp/messages';
import {
  anUnsignedDeliveryReceipt,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
} from './factories/messages.factory';
import { eventually } from './support/eventually';
import { startHub, HubHarness } from './support/hub-harness';
import { HubDb } from './support/hub-db';
import { PartyClient } from './support/party-client';
import { databaseUrl, testOin } from './support/test-env';

describe('hub routing (real hub, broker, Postgres and signatures)', () => {
  let h: HubHarness;
  let db: HubDb;
  let municipality: PartyClient;
  let creditorBsn: PartyClient;
  let creditorPrivate: PartyClient;
  let creditorSuspended: PartyClient;

  beforeAll(async () => {
    h = await startHub();
    db = await HubDb.open(databaseUrl(h.databases[0]));
    const m = h.pki.party('municipality', testOin(1), 'Test gemeente');
    const c1 = h.pki.party('creditor-bsn', testOin(2), 'Test publieke schuldeiser');
    const c2 = h.pki.party('creditor-private', testOin(2), 'Test private schuldeiser', 'ec');
    const c3 = h.pki.party('creditor-suspended', testOin(2), 'Test geschorste schuldeiser');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c1, 'CREDITOR', true);
    await h.registerParty(c2, 'CREDITOR', false);
    await h.registerParty(c3, 'CREDITOR', false);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditorBsn = await new PartyClient(c1, h.prefix).connect();
    creditorPrivate = await new PartyClient(c2, h.prefix).connect();
    // Connected before the suspension, which closes its connection and blocks its account.
    creditorSuspended = await new PartyClient(c3, h.prefix).connect();
    const suspend = await fetch(`${h.hub.url}/api/parties/${c3.oin}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await h.adminToken()}` },
      body: JSON.stringify({ status: 'SUSPENDED' }),
    });
    expect(suspend.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all([municipality, creditorBsn, creditorPrivate, creditorSuspended].map((c) => c?.close()));
    await db?.close();
    await h?.teardown();
  });

  const kennisgeving = (to: PartyClient, variant: 'PUBLIC' | 'PRIVATE' = 'PUBLIC') =>
    anUnsignedKennisgeving({ sender: municipality.oin, recipient: to.oin, variant });

  it('routes a Kennisgeving to the creditor unchanged and carries receipts and the answer back', async () => {
    const sent = await municipality.send(kennisgeving(creditorBsn));
    const id = sent.header.messageId;

    const accepted = await municipality.waitForReceipt(id, 'ACCEPTED');
    const hubVerdict = verifyMessage(accepted, h.pki.trust);
    expect(hubVerdict.ok && hubVerdict.signerOin).toBe(h.hubParty.oin);

    const atCreditor = await eventually(() => creditorBsn.received.find((r) => r.messageId === id), {
      what: 'delivery to creditor',
    });
    expect(atCreditor.raw.toString()).toBe(encode(sent, 'json'));
    expect(verifyMessage(atCreditor.message!, h.pki.trust).ok).toBe(true);

    const delivered = await creditorBsn.send(
      anUnsignedDeliveryReceipt({
        sender: creditorBsn.oin,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
      }),
    );
    const forwarded = await municipality.waitForReceipt(id, 'DELIVERED');
    expect(forwarded.header.messageId).toBe(delivered.header.messageId);
    expect(verifyMessage(forwarded as SkpMessage, h.pki.trust)).toMatchObject({
      ok: true,
      signerOin: creditorBsn.oin,
    });
    await eventually(async () => (await db.message(id))?.state === 'DELIVERED', { what: 'DELIVERED state' });

    const pausedUntil = addCalendarMonths(sent.body.pause.start, 3);
    const answer = await creditorBsn.send(
      anUnsignedPauseAcknowledgement({
        sender: creditorBsn.oin,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
        body: { decision: 'PAUSED', pausedUntil },
      }),
    );
    const answerAtMunicipality = await eventually(() =>
      municipality.received.find((r) => r.messageId === answer.header.messageId),
    );
    expect(answerAtMunicipality.message?.body).toEqual({ decision: 'PAUSED', pausedUntil });
    await creditorBsn.waitForReceipt(answer.header.messageId, 'ACCEPTED');

    const record = await eventually(async () => {
      const row = await db.message(id);
      return row?.state === 'PAUSED' ? row : undefined;
    });
    expect(record.paused_until).toBeDefined();
    const kinds = (await db.events(id)).map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['RECEIVED', 'ROUTED', 'RECEIPT_ISSUED', 'DELIVERED', 'ANSWERED']),
    );
    // the receipt forwarded to the sender never got a receipt of its own
    expect(creditorBsn.receiptsFor(delivered.header.messageId)).toHaveLength(0);
  });

  it('delivers one copy of a message sent three times, and repeats the same receipt', async () => {
    const signed = municipality.sign(kennisgeving(creditorBsn));
    const id = signed.header.messageId;
    for (let i = 0; i < 3; i++) {
      await municipality.publishSigned(signed);
    }
    await eventually(() => municipality.receiptsFor(id).length === 3, { what: 'three receipts' });
    const receiptIds = new Set(municipality.receiptsFor(id).map((r) => r.header.messageId));
    expect(receiptIds.size).toBe(1);
    expect(municipality.receiptsFor(id).every((r) => r.body.status === 'ACCEPTED')).toBe(true);
    expect(creditorBsn.received.filter((r) => r.messageId === id)).toHaveLength(1);
    const duplicates = (await db.events(id)).filter((e) => e.kind === 'DUPLICATE');
    expect(duplicates).toHaveLength(2);
  });

  describe('produces every reason code and routes nothing of a rejected message', () => {
    const produced = new Set<ReasonCode>();
    const recipients = (): PartyClient[] => [creditorBsn, creditorPrivate, creditorSuspended];

    async function expectRejected(
      messageId: string,
      reasonCode: ReasonCode,
      receiver: PartyClient = municipality,
    ): Promise<void> {
      const receipt = await receiver.waitForReceipt(messageId, 'REJECTED');
      expect(receipt.body.reasonCode).toBe(reasonCode);
      expect(verifyMessage(receipt as SkpMessage, h.pki.trust).ok).toBe(true);
      for (const recipient of recipients()) {
        expect(recipient.received.filter((r) => r.messageId === messageId)).toHaveLength(0);
      }
      produced.add(reasonCode);
    }

    /**
     * Unverifiable (nobody is proven to have sent it): dead-lettered with headers, size and hash but
     * no body, not recorded under its messageId, and answered to nobody. The absence of a receipt is
     * checked after a later message of the same publisher got its own receipt (queues are FIFO).
     */
    async function expectDeadLettered(
      messageId: string,
      reasonCode: ReasonCode,
      publisher: PartyClient = municipality,
    ): Promise<void> {
      const dead = await eventually(
        async () =>
          (
            await db.query<{ reason_code: string; content: Buffer | null; properties: any }>(
              'SELECT * FROM "dead_letter" WHERE "message_id" = $1',
              [messageId],
            )
          )[0],
        { what: `dead letter ${reasonCode}` },
      );
      expect(dead.reason_code).toBe(reasonCode);
      expect(dead.content).toBeNull();
      expect(dead.properties).toMatchObject({
        bodyOmitted: true,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const sentinel = await publisher.send(
        publisher === municipality
          ? kennisgeving(creditorPrivate, 'PRIVATE')
          : anUnsignedKennisgeving({ sender: publisher.oin, recipient: municipality.oin }),
      );
      await eventually(() => publisher.receiptsFor(sentinel.header.messageId).length > 0, {
        what: 'sentinel receipt',
      });
      for (const party of [municipality, ...recipients()]) {
        expect(party.about(messageId)).toEqual([]);
      }
      expect(await db.message(messageId)).toBeUndefined();
      produced.add(reasonCode);
    }

    it('MALFORMED: not JSON at all, dead-lettered with the reason', async () => {
      const id = randomUUID();
      await municipality.publishRaw(Buffer.from('{"header": nope'), { messageId: id, type: 'Kennisgeving' });
      await expectDeadLettered(id, 'MALFORMED');
    });

    it('TOO_LARGE: over 256 KiB', async () => {
      const id = randomUUID();
      await municipality.publishRaw(Buffer.alloc(257 * 1024, 0x20), { messageId: id, type: 'Kennisgeving' });
      await expectDeadLettered(id, 'TOO_LARGE');
      const dead = (await db.query<any>('SELECT * FROM "dead_letter" WHERE "message_id" = $1', [id]))[0];
      expect(dead.properties.size).toBe(257 * 1024);
    });

    it('SCHEMA_INVALID: a BSN that fails the 11-proef', async () => {
      const m = kennisgeving(creditorBsn);
      m.body.debtor.bsn = '123456781';
      const sent = await municipality.send(m);
      await expectRejected(sent.header.messageId, 'SCHEMA_INVALID');
      expect((await db.message(sent.header.messageId))?.state).toBe('REJECTED');
    });

    it('SIGNATURE_INVALID: body changed after signing', async () => {
      const signed = municipality.sign(kennisgeving(creditorBsn));
      signed.body.caseReference = `${signed.body.caseReference}-x`;
      await municipality.publishSigned(signed);
      await expectDeadLettered(signed.header.messageId, 'SIGNATURE_INVALID');
    });

    it('CERTIFICATE_UNTRUSTED: signed with a certificate from another CA', async () => {
      const otherCa = createDevCa({ commonName: 'Untrusted CA' });
      const issued = issuePartyCertificate(otherCa, { oin: municipality.oin, name: 'Impostor' });
      const identity = loadSigningIdentity({ certPem: issued.chainPem.join('\n'), keyPem: issued.keyPem });
      const signed = signMessage(kennisgeving(creditorBsn), identity) as SkpMessage;
      await municipality.publishSigned(signed);
      await expectDeadLettered(signed.header.messageId, 'CERTIFICATE_UNTRUSTED');
    });

    it('CERTIFICATE_EXPIRED: signed with an expired certificate of the trusted CA', async () => {
      const expired = h.pki.party('expired', municipality.oin, 'Expired', 'rsa', {
        notBefore: new Date(Date.now() - 400 * 86_400_000),
        notAfter: new Date(Date.now() - 30 * 86_400_000),
      });
      const signed = signMessage(kennisgeving(creditorBsn), expired.identity) as SkpMessage;
      await municipality.publishSigned(signed);
      await expectDeadLettered(signed.header.messageId, 'CERTIFICATE_EXPIRED');
    });

    it('SENDER_MISMATCH: header names another sender than the signing certificate', async () => {
      const m = kennisgeving(creditorBsn);
      m.header.sender = creditorPrivate.oin;
      const signed = municipality.sign(m);
      await municipality.publishSigned(signed);
      await expectDeadLettered(signed.header.messageId, 'SENDER_MISMATCH');
    });

    it('UNKNOWN_RECIPIENT: recipient not registered', async () => {
      const sent = await municipality.send(
        anUnsignedKennisgeving({ sender: municipality.oin, recipient: testOin(3) }),
      );
      await expectRejected(sent.header.messageId, 'UNKNOWN_RECIPIENT');
    });

    it('PARTY_SUSPENDED: recipient suspended', async () => {
      const sent = await municipality.send(kennisgeving(creditorSuspended, 'PRIVATE'));
      await expectRejected(sent.header.messageId, 'PARTY_SUSPENDED');
    });

    it('NOT_AUTHORISED: a creditor may not send a Kennisgeving', async () => {
      const sent = await creditorBsn.send(
        anUnsignedKennisgeving({ sender: creditorBsn.oin, recipient: municipality.oin }),
      );
      await expectRejected(sent.header.messageId, 'NOT_AUTHORISED', creditorBsn);
      expect(municipality.received.filter((r) => r.messageId === sent.header.messageId)).toHaveLength(0);
    });

    it('CONVERSATION_MISMATCH: an answer to a Kennisgeving that does not exist', async () => {
      const unknown = randomUUID();
      const sent = await creditorBsn.send(
        anUnsignedPauseAcknowledgement({
          sender: creditorBsn.oin,
          recipient: municipality.oin,
          conversationId: unknown,
          inReplyTo: unknown,
        }),
      );
      await expectRejected(sent.header.messageId, 'CONVERSATION_MISMATCH', creditorBsn);
      expect(municipality.received.filter((r) => r.messageId === sent.header.messageId)).toHaveLength(0);
    });

    it('BSN_NOT_ALLOWED: a PUBLIC Kennisgeving to a creditor without BSN permission', async () => {
      const sent = await municipality.send(kennisgeving(creditorPrivate, 'PUBLIC'));
      await expectRejected(sent.header.messageId, 'BSN_NOT_ALLOWED');
    });

    it('DUPLICATE_CONFLICT: a known messageId with other content', async () => {
      const first = await municipality.send(kennisgeving(creditorBsn));
      const id = first.header.messageId;
      await municipality.waitForReceipt(id, 'ACCEPTED');
      const clash = kennisgeving(creditorBsn);
      clash.header.messageId = id;
      clash.header.conversationId = id;
      clash.body.caseReference = 'OTHER-CASE';
      await municipality.send(clash);
      const receipt = await municipality.waitForReceipt(id, 'REJECTED');
      expect(receipt.body.reasonCode).toBe('DUPLICATE_CONFLICT');
      await eventually(async () => (await db.events(id)).some((e) => e.kind === 'DUPLICATE_CONFLICT'));
      // the first stays delivered once; the conflicting content never travels
      expect(creditorBsn.received.filter((r) => r.messageId === id)).toHaveLength(1);
      expect(creditorBsn.received.find((r) => r.messageId === id)?.message?.body).toMatchObject({
        caseReference: first.body.caseReference,
      });
      expect((await db.message(id))?.state).toBe('ROUTED');
      produced.add('DUPLICATE_CONFLICT');
    });

    it('a schema-invalid message whose signature does not hold is dead-lettered, not answered', async () => {
      const signed = municipality.sign(kennisgeving(creditorBsn));
      (signed.body.debtor as { bsn?: string }).bsn = '123456781';
      await municipality.publishSigned(signed);
      await expectDeadLettered(signed.header.messageId, 'SCHEMA_INVALID');
    });

    it('NOT_AUTHORISED without a receipt: a trusted certificate of a party that is not registered', async () => {
      const stranger = h.pki.party('stranger', testOin(1), 'Niet geregistreerde gemeente');
      const client = await new PartyClient(stranger, h.prefix).connect({ consume: false });
      try {
        const signed = client.sign(
          anUnsignedKennisgeving({ sender: stranger.oin, recipient: creditorBsn.oin }),
        );
        await client.publishSigned(signed);
        await expectDeadLettered(signed.header.messageId, 'NOT_AUTHORISED');
      } finally {
        await client.close();
      }
    });

    it('a messageId of another sender, validly signed, is a forgery: no receipt, the original untouched', async () => {
      const original = await municipality.send(kennisgeving(creditorBsn));
      const id = original.header.messageId;
      await municipality.waitForReceipt(id, 'ACCEPTED');
      const eventsBefore = await db.events(id);
      const forged = anUnsignedKennisgeving({ sender: creditorBsn.oin, recipient: municipality.oin });
      forged.header.messageId = id;
      forged.header.conversationId = id;
      const signed = creditorBsn.sign(forged);
      await creditorBsn.publishSigned(signed);
      const dead = await eventually(
        async () =>
          (await db.query<any>('SELECT * FROM "dead_letter" WHERE "message_id" = $1', [id])).find(
            (d) => d.reason_code === 'DUPLICATE_CONFLICT',
          ),
        { what: 'forgery dead-lettered' },
      );
      expect(dead.routing_key).toBe(creditorBsn.oin);
      const sentinel = await creditorBsn.send(
        anUnsignedKennisgeving({ sender: creditorBsn.oin, recipient: municipality.oin }),
      );
      await creditorBsn.waitForReceipt(sentinel.header.messageId, 'REJECTED');
      expect(creditorBsn.receiptsFor(id)).toEqual([]);
      expect(municipality.receiptsFor(id).map((r) => r.body.status)).toEqual(['ACCEPTED']);
      expect((await db.message(id))?.state).toBe('ROUTED');
      expect(await db.events(id)).toEqual(eventsBefore);
    });

    it('STALE: created more than 7 days ago', async () => {
      const m = kennisgeving(creditorBsn);
      m.header.createdAt = new Date(Date.now() - 8 * 86_400_000).toISOString();
      const sent = await municipality.send(m);
      await expectRejected(sent.header.messageId, 'STALE');
    });

    it('covered every reason code of the contract', () => {
      expect([...produced].sort()).toEqual([...REASON_CODES].sort());
    });
  });
});
