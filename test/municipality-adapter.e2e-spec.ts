import { Client } from 'pg';
import { addCalendarMonths, buildHeader, defaultPauseEnd } from '@skp/messages';
import { AppProcess } from './support/app-process';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, databaseUrl, freshId, TestParty, testOin } from './support/test-env';

/**
 * The municipality adapter against a real hub, broker, Postgres and signatures. Creditors are
 * stand-ins that consume their own queue and answer with messages signed by their own certificate.
 */
const TOKEN = 'test-municipality-token';
const BSN = '111222333';
const today = new Date().toISOString().slice(0, 10);

let hub: HubHarness;
let adapter: AppProcess;
let municipality: TestParty;
let publicCreditor: MunicipalityTestCreditor;
let privateCreditor: MunicipalityTestCreditor;
let otherCreditor: MunicipalityTestCreditor;

interface CreditorStatus {
  creditor: string;
  messageId: string;
  variant: string;
  state: string;
  pausedUntil?: string;
  declineReason?: string;
  reasonCode?: string;
  events: Array<{ at: string; kind: string; detail: Record<string, unknown> }>;
}

type Json = any;

async function api(
  method: string,
  path: string,
  body?: unknown,
  contentType = 'application/json',
): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${adapter.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'content-type': contentType } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function creditorStatus(caseReference: string, creditor: string): Promise<CreditorStatus> {
  const { status, json } = await api('GET', `/kennisgevingen/${encodeURIComponent(caseReference)}`);
  if (status !== 200) {
    throw new Error(`GET case: ${status}`);
  }
  const found = (json.creditors as CreditorStatus[]).find((c) => c.creditor === creditor);
  if (!found) {
    throw new Error('creditor not in case');
  }
  return found;
}

function waitForState(caseReference: string, creditor: string, state: string): Promise<CreditorStatus> {
  return eventually(
    async () => {
      const status = await creditorStatus(caseReference, creditor);
      return status.state === state ? status : undefined;
    },
    { what: `${caseReference} at ${creditor} to be ${state}` },
  );
}

function aCase(
  creditors: Array<{ oin: string; customerNumber?: string }>,
  overrides: Record<string, unknown> = {},
) {
  return {
    caseReference: `SHV-${freshId()}`,
    debtor: {
      bsn: BSN,
      initials: 'J.',
      givenNames: 'Janneke',
      surname: 'Verschuur',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
    },
    admissionDate: today,
    pause: { start: today },
    creditors,
    ...overrides,
  };
}

beforeAll(async () => {
  hub = await startHub();
  municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Test');
  const [pub, priv, other] = ['public', 'private', 'other'].map((slug) =>
    hub.pki.party(`creditor-${slug}`, testOin(3), `Creditor ${slug}`),
  );
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  await hub.registerParty(pub, 'CREDITOR', true);
  await hub.registerParty(priv, 'CREDITOR', false);
  await hub.registerParty(other, 'CREDITOR', false);
  publicCreditor = await new MunicipalityTestCreditor(pub, hub.prefix, AMQP_URL).start();
  privateCreditor = await new MunicipalityTestCreditor(priv, hub.prefix, AMQP_URL).start();
  otherCreditor = await new MunicipalityTestCreditor(other, hub.prefix, AMQP_URL).start();
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
    BSN_ALLOWED_CREDITORS: pub.oin,
    HUB_OIN: hub.hubParty.oin,
    MUNICIPALITY_JOB_INTERVAL_MS: '500',
  });
});

afterAll(async () => {
  await Promise.all([publicCreditor, privateCreditor, otherCreditor].map((c) => c?.stop()));
  await adapter?.stop();
  await hub?.teardown();
});

describe('municipality adapter', () => {
  const submitted = aCase([]);
  let publicId: string;
  let privateId: string;

  it('sends PUBLIC with BSN to the BSN-allowed creditor and PRIVATE without any BSN to the other', async () => {
    submitted.creditors = [{ oin: publicCreditor.oin }, { oin: privateCreditor.oin, customerNumber: 'K-77' }];
    const { status, json } = await api('POST', '/kennisgevingen', submitted);
    expect(status).toBe(202);
    expect(json.caseReference).toBe(submitted.caseReference);
    expect(json.messages).toEqual([
      { messageId: expect.any(String), creditor: publicCreditor.oin, variant: 'PUBLIC', state: 'SENT' },
      { messageId: expect.any(String), creditor: privateCreditor.oin, variant: 'PRIVATE', state: 'SENT' },
    ]);
    [publicId, privateId] = json.messages.map((m: { messageId: string }) => m.messageId);

    const atPublic = await eventually(() => publicCreditor.kennisgevingFor(submitted.caseReference), {
      what: 'public Kennisgeving',
    });
    const atPrivate = await eventually(() => privateCreditor.kennisgevingFor(submitted.caseReference), {
      what: 'private Kennisgeving',
    });
    expect(atPublic.message.header).toMatchObject({
      messageId: publicId,
      sender: municipality.oin,
      recipient: publicCreditor.oin,
    });
    expect(atPublic.message.body.variant).toBe('PUBLIC');
    expect(atPublic.message.body.debtor.bsn).toBe(BSN);
    expect(atPublic.message.body.pause).toEqual({ start: today, end: defaultPauseEnd(today) });
    expect(atPublic.message.body.debtor.address.postcode).toBe('3521AZ');
    expect(atPublic.message.body.municipality).toEqual({ code: '0344', name: 'Gemeente Test' });
    expect(atPublic.message.body.counsellor.email).toBe('schulden@gemeente.test');
    expect(atPrivate.message.header.messageId).toBe(privateId);
    expect(atPrivate.message.body.variant).toBe('PRIVATE');
    expect(atPrivate.message.body.creditorCustomerNumber).toBe('K-77');
    expect(atPrivate.raw.toString('utf8')).not.toContain(BSN);
    expect(atPrivate.raw.includes(Buffer.from(BSN))).toBe(false);
  });

  it('follows each creditor ACCEPTED → DELIVERED → PAUSED / DECLINED', async () => {
    await waitForState(submitted.caseReference, publicCreditor.oin, 'ACCEPTED');
    await waitForState(submitted.caseReference, privateCreditor.oin, 'ACCEPTED');
    const atPublic = publicCreditor.kennisgevingFor(submitted.caseReference)!.message;
    const atPrivate = privateCreditor.kennisgevingFor(submitted.caseReference)!.message;
    await publicCreditor.confirmDelivery(atPublic);
    await privateCreditor.confirmDelivery(atPrivate);
    await waitForState(submitted.caseReference, publicCreditor.oin, 'DELIVERED');
    await waitForState(submitted.caseReference, privateCreditor.oin, 'DELIVERED');

    const pausedUntil = addCalendarMonths(today, 3);
    await publicCreditor.answer(atPublic, { decision: 'PAUSED', pausedUntil });
    await privateCreditor.answer(atPrivate, {
      decision: 'DECLINED',
      declineReason: 'RECENT_FINAL_DISCHARGE',
    });
    const paused = await waitForState(submitted.caseReference, publicCreditor.oin, 'PAUSED');
    const declined = await waitForState(submitted.caseReference, privateCreditor.oin, 'DECLINED');
    expect(paused).toMatchObject({ messageId: publicId, variant: 'PUBLIC', pausedUntil });
    expect(paused.declineReason).toBeUndefined();
    expect(declined).toMatchObject({
      messageId: privateId,
      variant: 'PRIVATE',
      declineReason: 'RECENT_FINAL_DISCHARGE',
    });
    expect(paused.events.map((e) => e.kind)).toEqual(['SENT', 'ACCEPTED', 'DELIVERED', 'PAUSED']);

    // the adapter confirmed each answer with its own DELIVERED receipt
    await eventually(
      () =>
        publicCreditor
          .ofType('DeliveryReceipt')
          .some((r) => r.message.body.status === 'DELIVERED' && r.message.header.sender === municipality.oin),
      { what: 'municipality DELIVERED receipt for the answer' },
    );
  });

  it('records a late DELIVERED after PAUSED without moving the state back', async () => {
    const atPublic = publicCreditor.kennisgevingFor(submitted.caseReference)!.message;
    const lateId = await publicCreditor.confirmDelivery(atPublic);
    const status = await eventually(
      async () => {
        const s = await creditorStatus(submitted.caseReference, publicCreditor.oin);
        return s.events.some((e) => e.detail.receiptId === lateId) ? s : undefined;
      },
      { what: 'late receipt recorded' },
    );
    expect(status.state).toBe('PAUSED');
    expect(status.events.find((e) => e.detail.receiptId === lateId)).toMatchObject({
      kind: 'DELIVERED',
      detail: { stateChanged: false },
    });
  });

  it('answers a resubmission with the existing messages and sends nothing new', async () => {
    const { status, json } = await api('POST', '/kennisgevingen', submitted);
    expect(status).toBe(202);
    expect(json.messages).toEqual([
      { messageId: publicId, creditor: publicCreditor.oin, variant: 'PUBLIC', state: 'PAUSED' },
      { messageId: privateId, creditor: privateCreditor.oin, variant: 'PRIVATE', state: 'DECLINED' },
    ]);
    // a later case to the same creditor arrives: anything sent by the resubmission would have arrived before it
    const marker = aCase([{ oin: publicCreditor.oin }]);
    expect((await api('POST', '/kennisgevingen', marker)).status).toBe(202);
    await eventually(() => publicCreditor.kennisgevingFor(marker.caseReference), {
      what: 'marker Kennisgeving',
    });
    await waitForState(marker.caseReference, publicCreditor.oin, 'ACCEPTED');
    const copies = publicCreditor
      .ofType('Kennisgeving')
      .filter((r) => r.message.body.caseReference === submitted.caseReference);
    expect(copies).toHaveLength(1);
    expect(
      privateCreditor
        .ofType('Kennisgeving')
        .filter((r) => r.message.body.caseReference === submitted.caseReference),
    ).toHaveLength(1);
  });

  it('sends a ProgressUpdate to every creditor of the case in its own conversation', async () => {
    const newPauseEnd = addCalendarMonths(today, 6);
    const { status, json } = await api('POST', `/kennisgevingen/${submitted.caseReference}/progress`, {
      status: 'PAUSE_EXTENDED',
      newPauseEnd,
      note: 'verlengd',
    });
    expect(status).toBe(202);
    expect(json.updates).toHaveLength(2);
    for (const [creditor, conversationId] of [
      [publicCreditor, publicId],
      [privateCreditor, privateId],
    ] as const) {
      const update = await eventually(
        () =>
          creditor.ofType('ProgressUpdate').find((r) => r.message.header.conversationId === conversationId),
        { what: 'ProgressUpdate at creditor' },
      );
      expect(update.message.body).toEqual({ status: 'PAUSE_EXTENDED', newPauseEnd, note: 'verlengd' });
      expect(update.message.header.sender).toBe(municipality.oin);
      await creditor.confirmDelivery(update.message);
    }
    const status2 = await eventually(
      async () => {
        const s = await creditorStatus(submitted.caseReference, privateCreditor.oin);
        return s.events.some((e) => e.kind === 'PROGRESS_DELIVERED') ? s : undefined;
      },
      { what: 'progress update delivered' },
    );
    expect(status2.state).toBe('DECLINED');
  });

  it('refuses a ProgressUpdate with newPauseEnd beyond 8 months, naming field and rule', async () => {
    const before = publicCreditor.ofType('ProgressUpdate').length;
    const tooLate = new Date(Date.parse(`${addCalendarMonths(today, 8)}T00:00:00Z`) + 86_400_000)
      .toISOString()
      .slice(0, 10);
    const { status, json } = await api('POST', `/kennisgevingen/${submitted.caseReference}/progress`, {
      status: 'PAUSE_EXTENDED',
      newPauseEnd: tooLate,
    });
    expect(status).toBe(400);
    expect(json.violations).toEqual([
      expect.objectContaining({ field: 'newPauseEnd', rule: 'pause-max-8-months' }),
    ]);
    expect(
      (await api('POST', `/kennisgevingen/${submitted.caseReference}/progress`, { status: 'PAUSE_ENDED' }))
        .json.violations,
    ).toEqual([expect.objectContaining({ field: 'endReason', rule: 'required-iff-PAUSE_ENDED' })]);
    expect(
      (await api('POST', '/kennisgevingen/NO-SUCH-CASE/progress', { status: 'ARRANGEMENT_OFFERED' })).status,
    ).toBe(404);
    expect(publicCreditor.ofType('ProgressUpdate')).toHaveLength(before);
  });

  it('validates the whole request: every violation by field and rule, no personal data echoed, nothing stored', async () => {
    const bad = aCase([{ oin: publicCreditor.oin }, { oin: '123' }], {
      pause: { start: today, end: addCalendarMonths(today, 9) },
    });
    bad.debtor.bsn = '111222334';
    const { status, json } = await api('POST', '/kennisgevingen', bad);
    expect(status).toBe(400);
    expect(
      json.violations.map((v: { field: string; rule: string }) => `${v.field}:${v.rule}`).sort(),
    ).toEqual(['creditors[1].oin:oin', 'debtor.bsn:bsn-11-proef', 'pause.end:pause-max-8-months']);
    expect(JSON.stringify(json)).not.toMatch(/111222334|Verschuur|Janneke/);
    expect((await api('GET', `/kennisgevingen/${bad.caseReference}`)).status).toBe(404);
  });

  it('takes the XML form, refuses other content types and requires the token', async () => {
    const request = aCase([{ oin: otherCreditor.oin }]);
    const xml = `<?xml version="1.0"?>
<KennisgevingVerzoek xmlns="urn:nl:schuldenknooppunt:gemeente:1">
  <caseReference>${request.caseReference}</caseReference>
  <debtor><bsn>${BSN}</bsn><givenNames>Jan</givenNames><surname>Vries</surname><birthDate>1980-05-17</birthDate>
    <address><street>Stadsplateau</street><houseNumber>1</houseNumber><postcode>3521AZ</postcode><city>Utrecht</city></address></debtor>
  <admissionDate>${today}</admissionDate>
  <pause><start>${today}</start></pause>
  <creditors><creditor><oin>${otherCreditor.oin}</oin><invoiceNumbers><invoiceNumber>F-1</invoiceNumber></invoiceNumbers></creditor></creditors>
</KennisgevingVerzoek>`;
    const { status, json } = await api('POST', '/kennisgevingen', xml, 'application/xml');
    expect(status).toBe(202);
    expect(json.messages).toEqual([
      expect.objectContaining({ creditor: otherCreditor.oin, variant: 'PRIVATE' }),
    ]);
    const received = await eventually(() => otherCreditor.kennisgevingFor(request.caseReference), {
      what: 'XML-submitted Kennisgeving',
    });
    expect(received.message.body.invoiceNumbers).toEqual(['F-1']);
    expect(received.message.body.debtor.address.houseNumber).toBe(1);

    expect((await api('POST', '/kennisgevingen', 'caseReference=1', 'text/plain')).status).toBe(415);
    const noToken = await fetch(`${adapter.url}/kennisgevingen/${request.caseReference}`);
    expect(noToken.status).toBe(401);
    expect((await fetch(`${adapter.url}/health`)).status).toBe(200);
    const metrics = await (await fetch(`${adapter.url}/metrics`)).text();
    expect(metrics).toMatch(/skp_municipality_kennisgevingen_submitted_total\{variant="PUBLIC"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/skp_municipality_answers_total\{decision="DECLINED"[^}]*\} 1/);
    expect((await fetch(`${adapter.url}/docs-json`)).status).toBe(200);
  });

  it('imports CSV: per-line results, good rows sent even when others fail', async () => {
    const caseA = `CSV-${freshId()}`;
    const caseB = `CSV-${freshId()}`;
    const header =
      'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin;creditorCustomerNumber';
    const line = (c: string, bsn: string, creditor: string, extra = ''): string =>
      `${c};${bsn};"Jan ""JJ""";Vries;1980-05-17;"Stadsplateau; hoek";1;3521 az;Utrecht;${creditor};${extra}`;
    const csv = `\uFEFF${[
      header,
      line(caseA, BSN, publicCreditor.oin, 'C-1'),
      line(caseA, BSN, privateCreditor.oin),
      line(caseB, '111222334', publicCreditor.oin),
      line(caseB, BSN, 'not-an-oin'),
    ].join('\r\n')}\r\n`;
    const { status, json } = await api('POST', '/kennisgevingen/import', csv, 'text/csv');
    expect(status).toBe(200);
    expect(json.status).toBe('DONE');
    expect(json.summary).toEqual({ sent: 2, duplicate: 0, failed: 2 });
    expect(json.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [2, 'SENT'],
      [3, 'SENT'],
      [4, 'ERROR'],
      [5, 'ERROR'],
    ]);
    expect(json.rows[2].errors).toEqual([expect.objectContaining({ field: 'bsn', rule: 'bsn-11-proef' })]);
    expect(json.rows[3].errors).toEqual([expect.objectContaining({ field: 'creditorOin', rule: 'oin' })]);
    expect(JSON.stringify(json)).not.toContain('111222334');

    const atPublic = await eventually(() => publicCreditor.kennisgevingFor(caseA), {
      what: 'imported public Kennisgeving',
    });
    const atPrivate = await eventually(() => privateCreditor.kennisgevingFor(caseA), {
      what: 'imported private Kennisgeving',
    });
    expect(atPublic.message.header.messageId).toBe(json.rows[0].messageId);
    expect(atPublic.message.body.creditorCustomerNumber).toBe('C-1');
    expect(atPublic.message.body.debtor.givenNames).toBe('Jan "JJ"');
    expect(atPublic.message.body.debtor.address.street).toBe('Stadsplateau; hoek');
    expect(atPrivate.message.header.messageId).toBe(json.rows[1].messageId);
    expect(atPrivate.raw.toString('utf8')).not.toContain(BSN);

    const again = await api('POST', '/kennisgevingen/import?background=true', csv, 'text/csv');
    expect(again.status).toBe(202);
    const job = await eventually(
      async () => {
        const polled = await api('GET', `/kennisgevingen/import/${again.json.jobId}`);
        return polled.json.status === 'DONE' ? polled.json : undefined;
      },
      { what: 'background import done' },
    );
    expect(job.summary).toEqual({ sent: 0, duplicate: 2, failed: 2 });
    expect(job.processedRows).toBe(4);
  });

  it('ignores receipts not signed by the creditor they claim to come from', async () => {
    const request = aCase([{ oin: publicCreditor.oin }]);
    expect((await api('POST', '/kennisgevingen', request)).status).toBe(202);
    const kennisgeving = (
      await eventually(() => publicCreditor.kennisgevingFor(request.caseReference), { what: 'Kennisgeving' })
    ).message;
    await waitForState(request.caseReference, publicCreditor.oin, 'ACCEPTED');
    const receiptHeader = (sender: string) =>
      buildHeader({
        type: 'DeliveryReceipt',
        sender,
        recipient: municipality.oin,
        conversationId: kennisgeving.header.messageId,
        inReplyTo: kennisgeving.header.messageId,
      });

    // 1. claims to be the creditor but is signed by another registered creditor, put straight on the municipality's queue
    const forged = { header: receiptHeader(publicCreditor.oin), body: { status: 'DELIVERED' as const } };
    const forgedId = await otherCreditor.publish(forged, {
      signer: otherCreditor.party,
      route: { exchange: 'deliver', routingKey: municipality.oin },
    });
    const hubDb = new Client({ connectionString: databaseUrl(hub.databases[0]) });
    await hubDb.connect();
    try {
      await eventually(
        async () =>
          (await hubDb.query('SELECT 1 FROM "dead_letter" WHERE "message_id" = $1', [forgedId])).rowCount ===
          1,
        { what: 'forged receipt refused and dead-lettered' },
      );
    } finally {
      await hubDb.end();
    }
    // 2. the same forgery through the hub is refused there
    await otherCreditor.publish(forged, { signer: otherCreditor.party });
    // 3. honestly signed by another creditor, about someone else's Kennisgeving
    const wrongSenderId = await otherCreditor.publish(
      { header: receiptHeader(otherCreditor.oin), body: { status: 'DELIVERED' } },
      { route: { exchange: 'deliver', routingKey: municipality.oin } },
    );
    const afterWrongSender = await eventually(
      async () => {
        const s = await creditorStatus(request.caseReference, publicCreditor.oin);
        return s.events.some((e) => e.kind === 'IGNORED' && e.detail.ignoredId === wrongSenderId)
          ? s
          : undefined;
      },
      { what: 'wrong-sender receipt recorded as ignored' },
    );
    expect(afterWrongSender.state).toBe('ACCEPTED');
    expect(afterWrongSender.events.filter((e) => e.kind === 'DELIVERED')).toEqual([]);

    // the genuine receipt still moves it on
    await publicCreditor.confirmDelivery(kennisgeving);
    const delivered = await waitForState(request.caseReference, publicCreditor.oin, 'DELIVERED');
    expect(delivered.events.filter((e) => e.kind === 'DELIVERED')).toHaveLength(1);
  });
});
