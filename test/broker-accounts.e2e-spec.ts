import { randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';
import { signMessage } from '@skp/crypto';
import { amqpNames, encode, SkpMessage } from '@skp/messages';
import { partyBrokerUsername, withBrokerCredentials } from '@skp/platform';
import { anUnsignedKennisgeving } from './factories/messages.factory';
import { AppProcess, freePort } from './support/app-process';
import { testBrokerManagement } from './support/broker';
import { CreditorAdapter, startCreditorAdapter } from './support/creditor-network';
import { eventually } from './support/eventually';
import { api } from './support/hub-api-client';
import { HubDb } from './support/hub-db';
import { HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { AMQP_URL, databaseUrl, HUB_BROKER_USER, partyAmqpUrl, TestParty, testOin } from './support/test-env';

/**
 * DESIGN §5 against the real broker: every party has its own account, and every check below is
 * refused by RabbitMQ itself or by the hub in strict mode (no HUB_ALLOW_SHARED_BROKER_USER).
 */
describe('per-party broker accounts (real broker, strict hub)', () => {
  let h: HubHarness;
  let db: HubDb;
  let admin: string;
  let m: TestParty;
  let b: TestParty;
  let municipality: PartyClient;
  let creditor: PartyClient;
  const opened: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    h = await startHub();
    db = await HubDb.open(databaseUrl(h.databases[0]));
    admin = await h.adminToken();
    m = h.pki.party('municipality', testOin(1), 'Gemeente A');
    b = h.pki.party('creditor-b', testOin(2), 'Schuldeiser B');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(b, 'CREDITOR', false);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditor = await new PartyClient(b, h.prefix).connect();
  });

  afterAll(async () => {
    await Promise.all([municipality, creditor, ...opened].map((c) => c?.close()));
    await db?.close();
    await h?.teardown();
  });

  const names = () => amqpNames(h.prefix);
  const kennisgeving = (to: TestParty) =>
    anUnsignedKennisgeving({ sender: m.oin, recipient: to.oin, variant: 'PRIVATE' });

  /** A raw connection with a party's credentials, closed after the test run. */
  async function connectAs(party: TestParty): Promise<amqp.ChannelModel> {
    const connection = await amqp.connect(partyAmqpUrl(party));
    connection.on('error', () => undefined);
    opened.push({ close: () => connection.close().catch(() => undefined) });
    return connection;
  }

  /** Publishes once on a fresh confirm channel: the broker's channel error, or a note that it took the message. */
  async function publishExpectingRefusal(
    connection: amqp.ChannelModel,
    exchange: string,
    routingKey: string,
    content: Buffer,
    options: amqp.Options.Publish,
  ): Promise<string> {
    const channel = await connection.createConfirmChannel();
    return new Promise<string>((resolve) => {
      channel.on('error', (err: Error) => resolve(err.message));
      channel.publish(exchange, routingKey, content, options, (err: unknown) => {
        if (!err) {
          resolve('confirmed: the broker took the message');
        }
      });
    });
  }

  it('registration hands out the account once; the hub keeps only its name', async () => {
    expect(m.broker).toEqual({
      username: partyBrokerUsername(h.prefix, m.oin),
      password: expect.any(String),
    });
    expect(m.broker!.password.length).toBeGreaterThanOrEqual(32);
    const view = await api<any>(h.hub.url, 'GET', `/api/parties/${m.oin}`, { token: admin });
    expect(view.body.brokerUsername).toBe(m.broker!.username);
    expect(view.text).not.toContain(m.broker!.password);
    const [row] = await db.query<{ row: string }>(
      `SELECT row_to_json(p)::text AS row FROM "party" p WHERE oin = $1`,
      [m.oin],
    );
    expect(row.row).not.toContain(m.broker!.password);
    const permissions = await testBrokerManagement().permissionsOf(m.broker!.username);
    expect(permissions).toMatchObject({
      configure: '^$',
      write: `^${h.prefix}\\.inbound$`,
      read: `^${h.prefix}\\.party\\.${m.oin}$`,
    });
  });

  it("cannot consume another party's queue (ACCESS_REFUSED)", async () => {
    const connection = await connectAs(m);
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    await expect(channel.consume(names().partyQueue(b.oin), () => undefined)).rejects.toThrow(
      /ACCESS_REFUSED/,
    );
  });

  it('cannot publish to the deliver exchange: the channel is closed and nothing arrives', async () => {
    const connection = await connectAs(m);
    const signed = municipality.sign(kennisgeving(b));
    const refusal = await publishExpectingRefusal(
      connection,
      names().deliver,
      b.oin,
      Buffer.from(encode(signed, 'json')),
      { messageId: signed.header.messageId, userId: m.broker!.username, persistent: true },
    );
    expect(refusal).toMatch(/ACCESS_REFUSED/);
    // A message through the hub afterwards arrives; the direct one never does.
    const marker = await municipality.send(kennisgeving(b));
    await eventually(() => creditor.received.some((r) => r.messageId === marker.header.messageId), {
      what: 'marker at the creditor',
    });
    expect(creditor.received.filter((r) => r.messageId === signed.header.messageId)).toHaveLength(0);
  });

  it("cannot publish with another party's user_id (PRECONDITION_FAILED by the broker)", async () => {
    const connection = await connectAs(m);
    const signed = municipality.sign(kennisgeving(b));
    const refusal = await publishExpectingRefusal(
      connection,
      names().inbound,
      m.oin,
      Buffer.from(encode(signed, 'json')),
      { messageId: signed.header.messageId, userId: b.broker!.username },
    );
    expect(refusal).toMatch(/PRECONDITION_FAILED/);
    expect(await db.message(signed.header.messageId)).toBeUndefined();
  });

  it('the hub dead-letters SENDER_MISMATCH a message without user_id (shared account): no receipt, nothing routed', async () => {
    const shared = await new PartyClient(m, h.prefix).connect({ consume: false, account: 'shared' });
    opened.push(shared);
    const sent = await shared.send(kennisgeving(b));
    // Another account published it, so the sender is not proven: evidence only, no receipt (decision 0005).
    expect(await db.deadLetter(sent.header.messageId)).toEqual({
      reason_code: 'SENDER_MISMATCH',
      content: null,
    });
    // The shared account naming itself is no better.
    const named = await shared.send(kennisgeving(b), { userId: HUB_BROKER_USER });
    expect((await db.deadLetter(named.header.messageId)).reason_code).toBe('SENDER_MISMATCH');
    // The same message with the party's own account is routed.
    const own = await municipality.send(kennisgeving(b));
    await municipality.waitForReceipt(own.header.messageId, 'ACCEPTED');
    expect(municipality.receiptsFor(sent.header.messageId)).toEqual([]);
    expect(municipality.receiptsFor(named.header.messageId)).toEqual([]);
    expect(creditor.received.filter((r) => r.messageId === sent.header.messageId)).toHaveLength(0);
    expect(await db.message(sent.header.messageId)).toBeUndefined();
  });

  it('rotation returns a new password once; the old one stops working and its connection is closed', async () => {
    const r = h.pki.party('creditor-rotated', testOin(2), 'Schuldeiser R');
    await h.registerParty(r, 'CREDITOR', false);
    const before = await new PartyClient(r, h.prefix).connect();
    opened.push(before);
    const old = { ...r.broker! };

    expect((await api(h.hub.url, 'POST', `/api/parties/${r.oin}/broker-credentials`)).status).toBe(401);
    const rotated = await api<any>(h.hub.url, 'POST', `/api/parties/${r.oin}/broker-credentials`, {
      token: admin,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.body.broker.username).toBe(old.username);
    expect(rotated.body.broker.password).not.toBe(old.password);

    await eventually(() => before.closedByBroker, { what: 'old connection closed by the broker' });
    await expect(amqp.connect(withBrokerCredentials(AMQP_URL, old))).rejects.toThrow(/ACCESS_REFUSED|403/);
    r.broker = rotated.body.broker;
    const after = await new PartyClient(r, h.prefix).connect();
    opened.push(after);
    const sent = await municipality.send(kennisgeving(r));
    await eventually(() => after.received.some((x) => x.messageId === sent.header.messageId), {
      what: 'delivery on the new credentials',
    });

    const audit = await api<{ items: any[] }>(
      h.hub.url,
      'GET',
      '/api/audit?action=parties.broker-credentials',
      {
        token: admin,
      },
    );
    expect(audit.body.items[0]).toMatchObject({ target: r.oin });
    expect(audit.text).not.toContain(rotated.body.broker.password);
    expect(h.hub.tail(400)).not.toContain(rotated.body.broker.password);
  });

  it('suspension closes the connection and blocks the account; activation restores it', async () => {
    const s = h.pki.party('creditor-suspended', testOin(2), 'Schuldeiser S');
    await h.registerParty(s, 'CREDITOR', false);
    const client = await new PartyClient(s, h.prefix).connect();
    opened.push(client);
    const patch = (status: string) =>
      api(h.hub.url, 'PATCH', `/api/parties/${s.oin}`, { token: admin, body: { status } });

    expect((await patch('SUSPENDED')).status).toBe(200);
    await eventually(() => client.closedByBroker, { what: 'connection closed on suspension' });
    // The password is still right, but the vhost refuses the account while opening the connection.
    await expect(amqp.connect(partyAmqpUrl(s))).rejects.toThrow(/ConnectionClose|ACCESS_REFUSED/);
    expect(await testBrokerManagement().permissionsOf(s.broker!.username)).toBeNull();

    expect((await patch('ACTIVE')).status).toBe(200);
    const again = await new PartyClient(s, h.prefix).connect();
    opened.push(again);
    const sent = await municipality.send(kennisgeving(s));
    await eventually(() => again.received.some((x) => x.messageId === sent.header.messageId), {
      what: 'delivery after activation',
    });
  });

  it("an adapter dead-letters a message in its queue that the hub's account did not publish", async () => {
    const c = h.pki.party('creditor-adapter', testOin(2), 'Schuldeiser met adapter');
    await h.registerParty(c, 'CREDITOR', false);
    const adapter: CreditorAdapter = await startCreditorAdapter(h, c);
    opened.push({ close: () => adapter.app.stop() });

    // A test-only account that may write to the deliver exchange (as a compromised one could).
    const management = testBrokerManagement();
    const rogue = { username: `${h.prefix}-rogue`, password: `rogue-${randomUUID()}` };
    await management.putUser(rogue);
    await management.setPermissions(rogue.username, {
      configure: '^$',
      write: `^${h.prefix}\\.deliver$`,
      read: '^$',
    });
    const rogueConnection = await amqp.connect(withBrokerCredentials(AMQP_URL, rogue));
    opened.push({ close: () => rogueConnection.close().catch(() => undefined) });
    const hubAccount = await amqp.connect(AMQP_URL);
    opened.push({ close: () => hubAccount.close().catch(() => undefined) });

    const put = async (connection: amqp.ChannelModel, userId: string | undefined): Promise<string> => {
      const signed = signMessage(kennisgeving(c), m.identity);
      const channel = await connection.createConfirmChannel();
      channel.publish(names().deliver, c.oin, Buffer.from(encode(signed, 'json')), {
        persistent: true,
        messageId: signed.header.messageId,
        type: signed.header.type,
        contentType: 'application/json',
        ...(userId ? { userId } : {}),
      });
      await channel.waitForConfirms();
      await channel.close();
      return signed.header.messageId;
    };
    const byRogue = await put(rogueConnection, rogue.username);
    const withoutUserId = await put(hubAccount, undefined);
    // Properly signed and genuine, so only the publisher check can refuse them; one via the hub passes.
    const viaHub = await municipality.send(kennisgeving(c));
    await eventually(
      async () => (await adapter.api('GET', `/inbox/${viaHub.header.messageId}`)).status === 200,
      { what: 'message via the hub stored by the adapter' },
    );
    for (const id of [byRogue, withoutUserId]) {
      await eventually(
        async () =>
          (await db.query('SELECT 1 FROM "dead_letter" WHERE "message_id" = $1', [id])).length === 1,
        { what: `dead letter of ${id}` },
      );
      expect((await adapter.api('GET', `/inbox/${id}`)).status).toBe(404);
    }
  });

  describe('DELETE /api/parties/:oin/certificates/:sha256', () => {
    it('removes a certificate: messages signed with it are refused CERTIFICATE_UNTRUSTED; admin only, audited', async () => {
      const second = h.pki.party('municipality-second', m.oin, 'Gemeente A');
      const added = await api<any>(h.hub.url, 'POST', `/api/parties/${m.oin}/certificates`, {
        token: admin,
        body: { certificatePem: second.certPem },
      });
      expect(added.status).toBe(201);
      const sha256: string = added.body.sha256;
      const signWithSecond = () => signMessage(kennisgeving(b), second.identity) as SkpMessage;

      const before = signWithSecond();
      await municipality.publishSigned(before);
      await municipality.waitForReceipt(before.header.messageId, 'ACCEPTED');

      const path = `/api/parties/${m.oin}/certificates/${sha256}`;
      expect((await api(h.hub.url, 'DELETE', path)).status).toBe(401);
      expect((await api(h.hub.url, 'DELETE', path, { token: admin })).status).toBe(204);
      const view = await api<any>(h.hub.url, 'GET', `/api/parties/${m.oin}`, { token: admin });
      expect(view.body.certificates.map((c: { sha256: string }) => c.sha256)).not.toContain(sha256);

      const after = signWithSecond();
      await municipality.publishSigned(after);
      // a certificate no longer registered proves nobody: dead-lettered, answered to nobody
      expect((await db.deadLetter(after.header.messageId)).reason_code).toBe('CERTIFICATE_UNTRUSTED');
      // The first certificate still works.
      const first = await municipality.send(kennisgeving(b));
      await municipality.waitForReceipt(first.header.messageId, 'ACCEPTED');
      expect(municipality.receiptsFor(after.header.messageId)).toEqual([]);

      expect((await api(h.hub.url, 'DELETE', path, { token: admin })).status).toBe(404);
      expect(
        (
          await api(h.hub.url, 'DELETE', `/api/parties/${m.oin}/certificates/${'0'.repeat(64)}`, {
            token: admin,
          })
        ).status,
      ).toBe(404);
      const malformed = await api<any>(h.hub.url, 'DELETE', `/api/parties/${m.oin}/certificates/nope`, {
        token: admin,
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.message).toMatch(/sha256/);

      const audit = await api<{ items: any[] }>(
        h.hub.url,
        'GET',
        '/api/audit?action=parties.remove-certificate',
        {
          token: admin,
        },
      );
      const statuses = audit.body.items.map((e) => e.detail.status);
      expect(statuses).toEqual(expect.arrayContaining([204, 404, 400]));
    });

    it("refuses removing an ACTIVE party's last certificate (409)", async () => {
      const { body } = await api<any>(h.hub.url, 'GET', `/api/parties/${b.oin}`, { token: admin });
      expect(body.certificates).toHaveLength(1);
      const path = `/api/parties/${b.oin}/certificates/${body.certificates[0].sha256}`;
      const refused = await api<any>(h.hub.url, 'DELETE', path, { token: admin });
      expect(refused.status).toBe(409);
      expect(refused.body.message).toMatch(/last certificate/);
    });
  });

  it('registration fails with 503 and registers nothing when the management API does not answer', async () => {
    const hub = await new AppProcess('hub', {
      ...h.hub.env,
      PORT: String(await freePort()),
      RABBITMQ_MANAGEMENT_URL: `http://guest:guest@127.0.0.1:${await freePort()}`,
    }).start();
    try {
      const x = h.pki.party('unregistrable', testOin(2), 'Schuldeiser X');
      const answer = await api<any>(hub.url, 'POST', '/api/parties', {
        token: admin,
        body: { oin: x.oin, name: x.name, kind: 'CREDITOR', bsnAllowed: false, certificatePem: x.certPem },
      });
      expect(answer.status).toBe(503);
      expect(answer.body.message).toMatch(/broker account/);
      expect((await api(hub.url, 'GET', `/api/parties/${x.oin}`, { token: admin })).status).toBe(404);
      // The same request against a working hub then succeeds: registration is simply retried.
      const retried = await api<any>(h.hub.url, 'POST', '/api/parties', {
        token: admin,
        body: { oin: x.oin, name: x.name, kind: 'CREDITOR', bsnAllowed: false, certificatePem: x.certPem },
      });
      expect(retried.status).toBe(201);
      expect(retried.body.broker.username).toBe(partyBrokerUsername(h.prefix, x.oin));
      h.registered.push(x.oin);
    } finally {
      await hub.stop();
    }
  });
});

/** The development escape hatch, explicitly: a hub started with HUB_ALLOW_SHARED_BROKER_USER=true. */
describe('HUB_ALLOW_SHARED_BROKER_USER=true (development escape hatch)', () => {
  let h: HubHarness;
  const clients: PartyClient[] = [];

  beforeAll(async () => {
    h = await startHub({ HUB_ALLOW_SHARED_BROKER_USER: 'true' });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await h?.teardown();
  });

  it('routes a message published with the shared account, without user_id', async () => {
    const m = h.pki.party('municipality', testOin(1), 'Gemeente A');
    const b = h.pki.party('creditor-b', testOin(2), 'Schuldeiser B');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(b, 'CREDITOR', false);
    const own = await new PartyClient(m, h.prefix).connect();
    const shared = await new PartyClient(m, h.prefix).connect({ consume: false, account: 'shared' });
    clients.push(own, shared);
    const sent = await shared.send(
      anUnsignedKennisgeving({ sender: m.oin, recipient: b.oin, variant: 'PRIVATE' }),
    );
    await own.waitForReceipt(sent.header.messageId, 'ACCEPTED');
  });
});
