import * as amqp from 'amqplib';
import { amqpNames } from '@skp/messages';
import { addCalendarMonths } from '@skp/messages';
import { AppProcess } from './support/app-process';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { CreditorAdapter, startCreditorAdapter } from './support/creditor-network';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { AMQP_URL, freshId, testOin, TestParty } from './support/test-env';

/**
 * The whole network with every real part: a hub, the municipality adapter and three creditor
 * adapters as processes, RabbitMQ, Postgres and real signatures; the parties act through their APIs.
 */
describe('network: municipality adapter → hub → creditor adapters and back', () => {
  const BSN = '123456782';
  const SURNAME = 'Verhoeven-Testpersoon';
  let h: HubHarness;
  let municipality: AppProcess;
  let municipalityToken: string;
  let autoAck: CreditorAdapter;
  let manual: CreditorAdapter;
  let decliner: CreditorAdapter;
  let tap: { connection: amqp.ChannelModel; bytes: Buffer[] };
  const today = new Date().toISOString().slice(0, 10);

  async function municipalityApi(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
  ) {
    const response = await fetch(`${municipality.url}${path}`, {
      method,
      headers: { 'content-type': contentType, authorization: `Bearer ${municipalityToken}` },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
  }

  async function caseStates(caseReference: string): Promise<Record<string, any>> {
    const { body } = await municipalityApi('GET', `/kennisgevingen/${caseReference}`);
    return Object.fromEntries((body?.creditors ?? []).map((c: any) => [c.creditor, c]));
  }

  function aCase(caseReference: string, creditors: TestParty[]) {
    return {
      caseReference,
      debtor: {
        bsn: BSN,
        givenNames: 'Sanne',
        surname: SURNAME,
        birthDate: '1987-03-14',
        address: {
          street: 'Biltstraat',
          houseNumber: 12,
          houseLetter: 'B',
          postcode: '3572 ab',
          city: 'Utrecht',
        },
      },
      admissionDate: today,
      pause: { start: today },
      creditors: creditors.map((c, i) => ({ oin: c.oin, customerNumber: `KL-${caseReference}-${i}` })),
    };
  }

  beforeAll(async () => {
    h = await startHub();
    const m = h.pki.party('municipality', testOin(1), 'Gemeente Netwerk');
    const c1 = h.pki.party('auto', testOin(2), 'Zorgverzekeraar (BSN, automatisch)');
    const c2 = h.pki.party('manual', testOin(2), 'Energie BV (handmatig)');
    const c3 = h.pki.party('decliner', testOin(2), 'Incasso BV (weigert)');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c1, 'CREDITOR', true);
    await h.registerParty(c2, 'CREDITOR', false);
    await h.registerParty(c3, 'CREDITOR', false);

    // A tap on the deliver exchange: every byte routed to the private creditor, as the broker carries it.
    const names = amqpNames(h.prefix);
    const connection = await amqp.connect(AMQP_URL);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, names.deliver, c2.oin);
    tap = { connection, bytes: [] };
    await channel.consume(queue, (msg) => msg && tap.bytes.push(msg.content), { noAck: true });

    autoAck = await startCreditorAdapter(h, c1, {
      CREDITOR_AUTO_ACK: 'true',
      CREDITOR_MAX_PAUSE_MONTHS: '6',
      CREDITOR_BSN_ALLOWED: 'true',
    });
    manual = await startCreditorAdapter(h, c2);
    decliner = await startCreditorAdapter(h, c3);

    municipalityToken = `municipality-${freshId()}`;
    municipality = await startMunicipalityAdapter(h, m, municipalityToken, {
      MUNICIPALITY_NAME: 'Gemeente Netwerk',
      BSN_ALLOWED_CREDITORS: c1.oin,
      HUB_OIN: h.hubParty.oin,
    });
  });

  afterAll(async () => {
    await tap?.connection.close().catch(() => undefined);
    for (const app of [municipality, autoAck?.app, manual?.app, decliner?.app]) {
      await app?.stop();
    }
    await h?.teardown();
  });

  it('ends a three-creditor case PAUSED, PAUSED and DECLINED, with the BSN only where it is allowed', async () => {
    const reference = `NET-${freshId()}`;
    const submitted = await municipalityApi(
      'POST',
      '/kennisgevingen',
      aCase(reference, [autoAck.party, manual.party, decliner.party]),
    );
    expect(submitted.status).toBe(202);
    const variants = Object.fromEntries(submitted.body.messages.map((m: any) => [m.creditor, m.variant]));
    expect(variants).toEqual({
      [autoAck.party.oin]: 'PUBLIC',
      [manual.party.oin]: 'PRIVATE',
      [decliner.party.oin]: 'PRIVATE',
    });
    const messageIdAt = (oin: string): string =>
      submitted.body.messages.find((m: any) => m.creditor === oin).messageId;

    // the manual creditor answers by hand with a shorter pause, the third declines
    const manualId = messageIdAt(manual.party.oin);
    const shorter = addCalendarMonths(today, 3);
    await eventually(async () => (await manual.api('GET', `/inbox/${manualId}`)).status === 200, {
      what: 'Kennisgeving in manual inbox',
    });
    expect(
      (
        await manual.api('POST', `/inbox/${manualId}/acknowledgement`, {
          decision: 'PAUSED',
          pausedUntil: shorter,
        })
      ).status,
    ).toBe(201);
    const declinerId = messageIdAt(decliner.party.oin);
    await eventually(async () => (await decliner.api('GET', `/inbox/${declinerId}`)).status === 200);
    expect(
      (
        await decliner.api('POST', `/inbox/${declinerId}/acknowledgement`, {
          decision: 'DECLINED',
          declineReason: 'DEBTOR_UNKNOWN',
        })
      ).status,
    ).toBe(201);

    const states = await eventually(
      async () => {
        const s = await caseStates(reference);
        const done = [autoAck, manual, decliner].every((c) =>
          ['PAUSED', 'DECLINED'].includes(s[c.party.oin]?.state),
        );
        return done ? s : undefined;
      },
      { what: 'all three answers at the municipality', timeoutMs: 60_000 },
    );
    expect(states[autoAck.party.oin]).toMatchObject({
      state: 'PAUSED',
      pausedUntil: addCalendarMonths(today, 4),
    });
    expect(states[manual.party.oin]).toMatchObject({ state: 'PAUSED', pausedUntil: shorter });
    expect(states[decliner.party.oin]).toMatchObject({ state: 'DECLINED', declineReason: 'DEBTOR_UNKNOWN' });

    // the private creditor's stored message and everything the broker carried to it: no BSN
    const stored = await manual.api('GET', `/inbox/${manualId}`);
    expect(JSON.stringify(stored.body)).not.toContain(BSN);
    expect(stored.body.message.body.variant).toBe('PRIVATE');
    await eventually(() => tap.bytes.length > 0);
    expect(tap.bytes.map((b) => b.toString()).join('\n')).not.toContain(BSN);
    // the BSN-allowed creditor did get it, and its register answers by BSN
    const lookup = await autoAck.api('POST', '/pauses/lookup', { bsn: BSN });
    expect(lookup.body).toMatchObject({
      paused: true,
      pausedUntil: addCalendarMonths(today, 4),
      caseReference: reference,
    });
  });

  it('moves the creditor pause register with PAUSE_EXTENDED and then PAUSE_ENDED', async () => {
    const reference = `NET-${freshId()}`;
    expect((await municipalityApi('POST', '/kennisgevingen', aCase(reference, [autoAck.party]))).status).toBe(
      202,
    );
    await eventually(async () => (await caseStates(reference))[autoAck.party.oin]?.state === 'PAUSED');
    const extended = addCalendarMonths(today, 7);
    const extend = await municipalityApi('POST', `/kennisgevingen/${reference}/progress`, {
      status: 'PAUSE_EXTENDED',
      newPauseEnd: extended,
    });
    expect(extend.status).toBe(202);
    await eventually(
      async () => {
        const { body } = await autoAck.api('POST', '/pauses/lookup', { customerNumber: `KL-${reference}-0` });
        return body.paused === true && body.pausedUntil === extended;
      },
      { what: 'extended pause in the register' },
    );
    const end = await municipalityApi('POST', `/kennisgevingen/${reference}/progress`, {
      status: 'PAUSE_ENDED',
      endReason: 'ARRANGEMENT_REACHED',
    });
    expect(end.status).toBe(202);
    await eventually(
      async () =>
        (await autoAck.api('POST', '/pauses/lookup', { customerNumber: `KL-${reference}-0` })).body.paused ===
        false,
      {
        what: 'pause lifted',
      },
    );
  });

  it('imports a CSV with good and bad rows: per-line errors, and the good rows reach the creditor', async () => {
    const run = freshId();
    const header =
      'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin';
    const csv = [
      `\uFEFF${header}`,
      `CSV-${run}-1;111222333;Karel;Testrij;1970-01-02;Kanaalstraat;5;3531 CJ;Utrecht;${manual.party.oin}`,
      `CSV-${run}-2;123456781;Bep;Foutrij;1971-02-03;Kanaalstraat;6;3531CJ;Utrecht;${manual.party.oin}`,
      `CSV-${run}-3;111222333;Dirk;Testrij;1972-03-04;Kanaalstraat;7;3531CJ;Utrecht;00000099123`,
      `CSV-${run}-4;123456782;Els;Testrij;1973-04-05;Kanaalstraat;8;3531CJ;Utrecht;${manual.party.oin}`,
    ].join('\r\n');
    const result = await municipalityApi('POST', '/kennisgevingen/import', csv, 'text/csv');
    expect(result.status).toBe(200);
    const byLine = Object.fromEntries(result.body.rows.map((r: any) => [r.line, r]));
    expect(byLine[2].status).toBe('SENT');
    expect(byLine[3]).toMatchObject({ status: 'ERROR', errors: [expect.objectContaining({ field: 'bsn' })] });
    expect(byLine[4]).toMatchObject({
      status: 'ERROR',
      errors: [expect.objectContaining({ field: 'creditorOin' })],
    });
    expect(byLine[5].status).toBe('SENT');
    expect(JSON.stringify(result.body)).not.toContain('123456781');
    for (const line of [2, 5]) {
      await eventually(
        async () => (await manual.api('GET', `/inbox/${byLine[line].messageId}`)).status === 200,
        {
          what: `CSV line ${line} in the creditor inbox`,
        },
      );
    }
  });

  it('refuses an unsigned message put straight on a creditor queue', async () => {
    const connection = await amqp.connect(AMQP_URL);
    const channel = await connection.createConfirmChannel();
    const forgedId = crypto.randomUUID();
    const unsigned = JSON.stringify({
      header: { messageId: forgedId, type: 'Kennisgeving' },
      body: {},
      signature: '',
    });
    channel.sendToQueue(amqpNames(h.prefix).partyQueue(manual.party.oin), Buffer.from(unsigned), {
      messageId: forgedId,
      persistent: true,
    });
    await channel.waitForConfirms();
    await connection.close();
    // the adapter refuses it to the dead-letter exchange, where the hub records it
    await eventually(
      async () => {
        const response = await fetch(`${h.hub.url}/api/dead-letters`, {
          headers: { authorization: `Bearer ${await h.adminToken()}` },
        });
        return JSON.stringify(await response.json()).includes(forgedId);
      },
      { what: 'refused message recorded as a dead letter' },
    );
    expect((await manual.api('GET', `/inbox/${forgedId}`)).status).toBe(404);
  });

  it('queues messages while a creditor adapter is down and delivers each once when it returns', async () => {
    await decliner.app.stop();
    const references = [`DOWN-${freshId()}`, `DOWN-${freshId()}`, `DOWN-${freshId()}`];
    const ids: string[] = [];
    for (const reference of references) {
      const submitted = await municipalityApi('POST', '/kennisgevingen', aCase(reference, [decliner.party]));
      ids.push(submitted.body.messages[0].messageId);
    }
    await eventually(
      async () =>
        (await Promise.all(references.map(caseStates))).every(
          (s) => s[decliner.party.oin]?.state === 'ACCEPTED',
        ),
      {
        what: 'hub accepted while the creditor is down',
      },
    );
    await decliner.app.start();
    await eventually(
      async () =>
        (await Promise.all(references.map(caseStates))).every(
          (s) => s[decliner.party.oin]?.state === 'DELIVERED',
        ),
      {
        what: 'delivered after restart',
        timeoutMs: 60_000,
      },
    );
    const inbox = await decliner.api('GET', '/inbox?type=Kennisgeving');
    const entries = inbox.body.messages.filter((e: any) => ids.includes(e.messageId));
    expect(entries).toHaveLength(3);
  });
});
