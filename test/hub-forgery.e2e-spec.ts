import { buildHeader, encode, SkpMessage } from '@skp/messages';
import { anUnsignedKennisgeving } from './factories/messages.factory';
import { AppProcess } from './support/app-process';
import { eventually } from './support/eventually';
import { HubDb } from './support/hub-db';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { PartyClient } from './support/party-client';
import { AMQP_URL, databaseUrl, freshId, TestParty, testOin } from './support/test-env';

/**
 * Issue 9, items 3 and 8, against a real hub, municipality adapter, broker and Postgres: a party
 * cannot make the hub sign anything about another party's message, a forged receipt changes
 * nothing at the municipality, and hostile XML from a proven sender is answered on its first
 * delivery instead of jamming the hub's queue.
 */
const TOKEN = 'test-forgery-token';
const today = new Date().toISOString().slice(0, 10);

let hub: HubHarness;
let db: HubDb;
let adapter: AppProcess;
let municipality: TestParty;
let creditor: MunicipalityTestCreditor;
/** the same creditor, publishing whatever bytes a test wants */
let creditorRaw: PartyClient;
/** a second municipality whose own queue the test reads (the adapter consumes the first one's) */
let xmlMunicipality: PartyClient;

interface CreditorStatus {
  creditor: string;
  messageId: string;
  state: string;
  events: Array<{ kind: string; detail: Record<string, unknown> }>;
}

async function status(caseReference: string): Promise<CreditorStatus> {
  const response = await fetch(`${adapter.url}/kennisgevingen/${encodeURIComponent(caseReference)}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(response.status).toBe(200);
  const json = (await response.json()) as { creditors: CreditorStatus[] };
  return json.creditors.find((c) => c.creditor === creditor.oin)!;
}

/** A Kennisgeving through the adapter, accepted by the hub and (unless told not to) confirmed DELIVERED by the creditor. */
async function sentKennisgeving(
  confirm = true,
): Promise<{ caseReference: string; kennisgeving: SkpMessage<'Kennisgeving'> }> {
  const caseReference = `SHV-${freshId()}`;
  const response = await fetch(`${adapter.url}/kennisgevingen`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      caseReference,
      debtor: {
        bsn: '111222333',
        givenNames: 'Janneke',
        surname: 'Verschuur',
        birthDate: '1980-05-17',
        address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521AZ', city: 'Utrecht' },
      },
      admissionDate: today,
      pause: { start: today },
      creditors: [{ oin: creditor.oin }],
    }),
  });
  expect(response.status).toBe(202);
  const received = await eventually(() => creditor.kennisgevingFor(caseReference), { what: 'Kennisgeving' });
  await eventually(async () => (await status(caseReference)).state === 'ACCEPTED', { what: 'ACCEPTED' });
  if (confirm) {
    await confirmed(caseReference, received.message);
  }
  return { caseReference, kennisgeving: received.message };
}

async function confirmed(caseReference: string, kennisgeving: SkpMessage): Promise<void> {
  await creditor.confirmDelivery(kennisgeving);
  await eventually(async () => (await status(caseReference)).state === 'DELIVERED', { what: 'DELIVERED' });
  await eventually(async () => (await db.message(kennisgeving.header.messageId))?.state === 'DELIVERED');
}

/** The creditor's own later message got its receipt: anything the hub published before has arrived too. */
async function creditorQueueSettled(): Promise<void> {
  const sentinel = await creditorRaw.send(
    anUnsignedKennisgeving({ sender: creditor.oin, recipient: municipality.oin }),
  );
  await eventually(
    () =>
      creditor.received.some(
        (r) =>
          r.message.header.type === 'DeliveryReceipt' &&
          r.message.header.inReplyTo === sentinel.header.messageId,
      ),
    { what: 'sentinel receipt at the creditor' },
  );
}

const receiptsAt = (party: MunicipalityTestCreditor | PartyClient, messageId: string) =>
  (party.received as Array<{ message?: SkpMessage }>).filter(
    (r) => r.message?.header.type === 'DeliveryReceipt' && r.message.header.inReplyTo === messageId,
  );

beforeAll(async () => {
  // every forgery through an inspection worker: the worker checks the math, the hub the trust
  hub = await startHub({ HUB_INSPECTION_WORKERS: '1' });
  db = await HubDb.open(databaseUrl(hub.databases[0]));
  municipality = hub.pki.party('municipality', testOin(1), 'Gemeente Vervalsing');
  const c = hub.pki.party('creditor', testOin(2), 'Kwaadwillende schuldeiser');
  const x = hub.pki.party('municipality-xml', testOin(1), 'Gemeente XML');
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  await hub.registerParty(c, 'CREDITOR', true);
  await hub.registerParty(x, 'MUNICIPALITY', false);
  creditor = await new MunicipalityTestCreditor(c, hub.prefix, AMQP_URL).start();
  creditorRaw = await new PartyClient(c, hub.prefix).connect({ consume: false });
  xmlMunicipality = await new PartyClient(x, hub.prefix).connect();
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, { BSN_ALLOWED_CREDITORS: c.oin });
});

afterAll(async () => {
  await creditor?.stop();
  await creditorRaw?.close();
  await xmlMunicipality?.close();
  await adapter?.stop();
  await db?.close();
  await hub?.teardown();
});

describe('forged messageIds and receipts', () => {
  it("a creditor reusing the municipality's messageId gets no receipt and changes nothing anywhere", async () => {
    // while ACCEPTED: the state a REJECTED receipt used to move to REJECTED
    const { caseReference, kennisgeving } = await sentKennisgeving(false);
    const id = kennisgeving.header.messageId;
    const hubEventsBefore = await db.events(id);
    const reuse = () => {
      const m = anUnsignedKennisgeving({ sender: creditor.oin, recipient: municipality.oin });
      m.header.messageId = id;
      m.header.conversationId = id;
      return m;
    };
    const asMunicipality = { routingKey: municipality.oin };

    // 1. validly signed by the creditor itself, other content
    await creditorRaw.publishSigned(creditorRaw.sign(reuse()));
    // 2. the same, published under the municipality's routing key (where a rejection used to go)
    await creditorRaw.publishSigned(creditorRaw.sign(reuse()), asMunicipality);
    // 3. bad signature (changed after signing), under either routing key
    const tampered = creditorRaw.sign(reuse());
    tampered.body.caseReference = 'CHANGED';
    await creditorRaw.publishSigned(tampered);
    await creditorRaw.publishSigned(tampered, asMunicipality);
    // 4. claims to be the municipality, signed with the creditor's certificate
    const impersonation = reuse();
    impersonation.header.sender = municipality.oin;
    impersonation.header.recipient = creditor.oin;
    await creditorRaw.publishSigned(creditorRaw.sign(impersonation), asMunicipality);
    // 5. schema-invalid, validly signed by the creditor
    const invalid = reuse();
    invalid.body.debtor.bsn = '123456781';
    await creditorRaw.publishSigned(creditorRaw.sign(invalid));
    // 6. unreadable, with the victim's messageId as AMQP property
    await creditorRaw.publishRaw(Buffer.from('{"header":'), {
      messageId: id,
      type: 'Kennisgeving',
      ...asMunicipality,
    });

    const dead = await eventually(
      async () => {
        const rows = await db.query<{ reason_code: string; content: Buffer | null }>(
          'SELECT "reason_code", "content" FROM "dead_letter" WHERE "message_id" = $1',
          [id],
        );
        return rows.length === 7 ? rows : undefined;
      },
      { what: 'seven forgeries dead-lettered' },
    );
    expect(dead.map((d) => d.reason_code).sort()).toEqual(
      [
        'DUPLICATE_CONFLICT',
        'DUPLICATE_CONFLICT',
        'MALFORMED',
        'SENDER_MISMATCH',
        'SENDER_MISMATCH',
        'SIGNATURE_INVALID',
        'SIGNATURE_INVALID',
      ].sort(),
    );
    expect(dead.every((d) => d.content === null)).toBe(true);
    await creditorQueueSettled();
    expect(receiptsAt(creditor, id)).toEqual([]);
    // the hub's record of the Kennisgeving is untouched
    expect((await db.message(id))?.state).toBe('ROUTED');
    expect(await db.events(id)).toEqual(hubEventsBefore);

    // The real DELIVERED receipt reaches the municipality after anything the hub published before it.
    await confirmed(caseReference, kennisgeving);
    const atMunicipality = await status(caseReference);
    expect(atMunicipality.state).toBe('DELIVERED');
    expect(atMunicipality.events.map((e) => e.kind)).not.toContain('REJECTED');
    expect(atMunicipality.events.map((e) => e.kind)).not.toContain('IGNORED');
  });

  it('a forged REJECTED receipt at the municipality is ignored, also one signed with the hub key after ACCEPTED', async () => {
    const { caseReference, kennisgeving } = await sentKennisgeving();
    const id = kennisgeving.header.messageId;
    const rejected = (sender: string) => ({
      header: buildHeader({
        type: 'DeliveryReceipt',
        sender,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
      }),
      body: { status: 'REJECTED' as const, reasonCode: 'SCHEMA_INVALID' as const },
    });
    const toMunicipality = { route: { exchange: 'deliver' as const, routingKey: municipality.oin } };
    // signed by the creditor, put straight on the municipality's queue
    const byCreditor = await creditor.publish(rejected(creditor.oin), toMunicipality);
    // what a compromised path could replay: a real hub signature, but after the hub accepted it
    const byHubKey = await creditor.publish(rejected(hub.hubParty.oin), {
      ...toMunicipality,
      signer: hub.hubParty,
    });

    const after = await eventually(
      async () => {
        const s = await status(caseReference);
        const ignored = s.events.filter((e) => e.kind === 'IGNORED').map((e) => e.detail.ignoredId);
        return ignored.includes(byCreditor) && ignored.includes(byHubKey) ? s : undefined;
      },
      { what: 'both forged receipts ignored' },
    );
    expect(after.state).toBe('DELIVERED');
    expect(after.events.map((e) => e.kind)).not.toContain('REJECTED');
  });
});

describe('hostile XML', () => {
  const xmlOf = (signed: SkpMessage) => encode(signed, 'xml');
  const hostile = {
    'a NUL character in a comment': (xml: string) => xml.replace('<body', '<!-- \u0000 --><body'),
    'an element named __proto__': (xml: string) =>
      xml.replace('<header>', '<header><__proto__><polluted>yes</polluted></__proto__>'),
  };

  it.each(Object.entries(hostile))(
    'from a proven sender, %s: REJECTED SCHEMA_INVALID on the first delivery',
    async (_, inject) => {
      const signed = xmlMunicipality.sign(
        anUnsignedKennisgeving({ sender: xmlMunicipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
      ) as SkpMessage;
      const id = signed.header.messageId;
      await xmlMunicipality.publishRaw(Buffer.from(inject(xmlOf(signed)), 'utf8'), {
        messageId: id,
        type: 'Kennisgeving',
        contentType: 'application/xml',
      });
      const receipt = await xmlMunicipality.waitForReceipt(id, 'REJECTED');
      expect(receipt.body.reasonCode).toBe('SCHEMA_INVALID');
      const row = await db.message(id);
      expect(row?.state).toBe('REJECTED');
      // settled on its first delivery: recorded once, never redelivered, never dead-lettered
      const received = (await db.events(id)).filter((e) => e.kind === 'RECEIVED');
      expect(received).toEqual([expect.objectContaining({ detail: { deliveryCount: 0 } })]);
      expect(await db.query('SELECT 1 FROM "dead_letter" WHERE "message_id" = $1', [id])).toEqual([]);
      expect(creditor.received.filter((r) => r.message.header.messageId === id)).toEqual([]);
    },
  );

  it.each(Object.entries(hostile))(
    'unverifiable, %s: dead-lettered on the first delivery, no receipt',
    async (_, inject) => {
      const signed = xmlMunicipality.sign(
        anUnsignedKennisgeving({ sender: xmlMunicipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
      ) as SkpMessage;
      const id = signed.header.messageId;
      const xml = inject(xmlOf(signed)).replace(
        `<caseReference>${(signed.body as { caseReference: string }).caseReference}</caseReference>`,
        '<caseReference>CHANGED</caseReference>',
      );
      await xmlMunicipality.publishRaw(Buffer.from(xml, 'utf8'), {
        messageId: id,
        type: 'Kennisgeving',
        contentType: 'application/xml',
      });
      const dead = await eventually(
        async () =>
          (
            await db.query<{
              reason_code: string;
              content: Buffer | null;
              properties: Record<string, unknown>;
            }>('SELECT * FROM "dead_letter" WHERE "message_id" = $1', [id])
          )[0],
        { what: 'dead letter' },
      );
      expect(dead.reason_code).toBe('SCHEMA_INVALID');
      expect(dead.content).toBeNull();
      expect(dead.properties).toMatchObject({
        bodyOmitted: true,
        deliveryCount: 0,
        size: Buffer.byteLength(xml),
      });
      const sentinel = await xmlMunicipality.send(
        anUnsignedKennisgeving({ sender: xmlMunicipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
      );
      await xmlMunicipality.waitForReceipt(sentinel.header.messageId, 'ACCEPTED');
      expect(xmlMunicipality.receiptsFor(id)).toEqual([]);
      expect(await db.message(id)).toBeUndefined();
    },
  );
});
