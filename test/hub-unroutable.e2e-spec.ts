import * as amqp from 'amqplib';
import { amqpNames, encode } from '@skp/messages';
import { declarePartyQueue } from '@skp/platform';
import { anUnsignedKennisgeving } from './factories/messages.factory';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { AMQP_URL, testOin } from './support/test-env';

/**
 * A recipient whose queue is missing when the hub publishes: the broker must not confirm and drop
 * the message while the record says ROUTED. `skp.deliver`'s alternate exchange brings it to the
 * hub, which records a NO_ROUTE dead letter, counts it, and redelivers it once the queue is back.
 */
describe('hub: nothing silently unroutable, every dead letter redeliverable', () => {
  let h: HubHarness;
  let municipality: PartyClient;
  let creditor: PartyClient;
  let connection: amqp.ChannelModel;

  beforeAll(async () => {
    h = await startHub();
    const m = h.pki.party('municipality', testOin(1), 'Test gemeente');
    const c = h.pki.party('creditor', testOin(2), 'Test schuldeiser');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c, 'CREDITOR', true);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditor = new PartyClient(c, h.prefix);
    connection = await amqp.connect(AMQP_URL);
  });

  afterAll(async () => {
    await Promise.all([municipality?.close(), creditor?.close(), connection?.close()]);
    await h?.teardown();
  });

  async function api<T>(method: string, path: string): Promise<{ status: number; json: T }> {
    const response = await fetch(`${h.hub.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await h.adminToken()}`, 'content-type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    return { status: response.status, json: (await response.json()) as T };
  }

  it('records a message for a missing queue as a NO_ROUTE dead letter and redelivers it once the queue exists', async () => {
    const names = amqpNames(h.prefix);
    const queue = names.partyQueue(creditor.oin);
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);

    const sent = await municipality.send(
      anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PUBLIC' }),
    );
    const id = sent.header.messageId;
    await municipality.waitForReceipt(id, 'ACCEPTED');

    type DeadLetter = { id: string; messageId: string; reasonCode: string; queue: string; party: string };
    const deadLetter = await eventually(
      async () =>
        (await api<{ items: DeadLetter[] }>('GET', '/api/dead-letters')).json.items.find(
          (d) => d.messageId === id,
        ),
      { what: 'the NO_ROUTE dead letter' },
    );
    expect(deadLetter).toEqual(
      expect.objectContaining({ reasonCode: 'NO_ROUTE', queue, party: creditor.oin }),
    );
    const metrics = await (await fetch(`${h.hub.url}/metrics`)).text();
    expect(metrics).toMatch(/^skp_hub_unroutable_total\{[^}]*\} [1-9]/m);

    await declarePartyQueue(channel, names, creditor.oin);
    await channel.close();
    const redelivered = await api<{ messageId: string }>(
      'POST',
      `/api/dead-letters/${deadLetter.id}/redeliver`,
    );
    expect(redelivered.status).toBeLessThan(300);
    await creditor.connect();
    const arrived = await eventually(() => creditor.received.find((r) => r.messageId === id), {
      what: 'the redelivered Kennisgeving',
    });
    expect(arrived.raw.toString()).toBe(encode(sent, 'json'));
  });

  it('re-injects a dead letter of its own inbound queue through every check, as its first publisher sent it', async () => {
    const names = amqpNames(h.prefix);
    // The hub is away; the message waits in its inbound queue and is then refused there (as a
    // database outage used to do, delivery after delivery), so the broker dead-letters it.
    await h.hub.stop();
    const sent = await municipality.send(
      anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PUBLIC' }),
    );
    const id = sent.header.messageId;
    const channel = await connection.createChannel();
    const taken = await eventually(async () => (await channel.get(names.hubInbound)) || undefined, {
      what: 'the message in the hub inbound queue',
    });
    expect(taken.properties.messageId).toBe(id);
    channel.nack(taken, false, false);
    await channel.close();
    await h.hub.start();

    type DeadLetter = { id: string; messageId: string; reasonCode: string; queue: string };
    const deadLetter = await eventually(
      async () =>
        (await api<{ items: DeadLetter[] }>('GET', '/api/dead-letters')).json.items.find(
          (d) => d.messageId === id,
        ),
      { what: 'the dead letter from the hub inbound queue' },
    );
    expect(deadLetter.queue).toBe(names.hubInbound);
    expect(municipality.receiptsFor(id)).toEqual([]);

    const preview = await fetch(`${h.hub.url}/api/dead-letters/redeliver`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await h.adminToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [deadLetter.id], dryRun: true }),
    });
    expect(((await preview.json()) as { items: { redeliverable: boolean }[] }).items).toEqual([
      expect.objectContaining({ redeliverable: true }),
    ]);
    const redelivered = await api('POST', `/api/dead-letters/${deadLetter.id}/redeliver`);
    expect(redelivered.status).toBeLessThan(300);

    // checked again like any arrival: accepted for its signer, routed unchanged to the creditor
    await municipality.waitForReceipt(id, 'ACCEPTED');
    const arrived = await eventually(() => creditor.received.find((r) => r.messageId === id), {
      what: 'the re-injected Kennisgeving at the creditor',
    });
    expect(arrived.raw.toString()).toBe(encode(sent, 'json'));
    expect((await api('POST', `/api/dead-letters/${deadLetter.id}/redeliver`)).status).toBe(409);
  });
});
