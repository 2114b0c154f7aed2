import { buildHeader, offeredAmountCents, SkpMessage } from '@skp/messages';
import { AppProcess } from './support/app-process';
import { eventually } from './support/eventually';
import { api as hubApi } from './support/hub-api-client';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, freshId, testOin } from './support/test-env';

/**
 * The municipality adapter's routes for its portal (issue 13): case list, dossier list, proposal
 * preview and the hub directory, against a real hub, broker and Postgres.
 */
const TOKEN = 'test-municipality-token';
const BSN = '111222333';

type Json = any;

let hub: HubHarness;
let adapter: AppProcess;
let creditor: MunicipalityTestCreditor;
let declining: MunicipalityTestCreditor;
let municipalityOin: string;
/** a valid OIN nobody registered: the hub rejects what is sent to it */
const unknownOin = testOin(3);

async function api(
  method: string,
  path: string,
  body?: unknown,
  app = adapter,
): Promise<{ status: number; json: Json; text: string }> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, text };
}

function aCase(caseReference: string, oins: string[]) {
  return {
    caseReference,
    debtor: {
      bsn: BSN,
      givenNames: 'Janneke Maria',
      surnamePrefix: 'van',
      surname: 'Verschuur',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
    },
    admissionDate: '2026-03-02',
    pause: { start: '2026-03-02' },
    creditors: oins.map((oin) => ({ oin })),
  };
}

beforeAll(async () => {
  hub = await startHub();
  const municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Test');
  municipalityOin = municipality.oin;
  const a = hub.pki.party('creditor-a', testOin(3), 'Energie Noord');
  const b = hub.pki.party('creditor-b', testOin(3), 'Woonstichting Zuid');
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  await hub.registerParty(a, 'CREDITOR', true);
  await hub.registerParty(b, 'CREDITOR', false);
  creditor = await new MunicipalityTestCreditor(a, hub.prefix, AMQP_URL).start();
  declining = await new MunicipalityTestCreditor(b, hub.prefix, AMQP_URL).start();
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
    BSN_ALLOWED_CREDITORS: a.oin,
    MUNICIPALITY_HUB_URL: hub.hub.url,
  });
}, 120_000);

afterAll(async () => {
  await creditor?.stop();
  await declining?.stop();
  await adapter?.stop();
  await hub?.teardown();
});

describe('municipality adapter: routes for the portal', () => {
  it('GET /directory lists the active creditor parties of the hub, metadata only', async () => {
    const { status, json } = await api('GET', '/directory');
    expect(status).toBe(200);
    expect(json).toEqual(
      expect.arrayContaining([
        { oin: creditor.oin, name: 'Energie Noord', kind: 'CREDITOR', bsnAllowed: true },
        { oin: declining.oin, name: 'Woonstichting Zuid', kind: 'CREDITOR', bsnAllowed: false },
      ]),
    );
    expect(json.map((e: Json) => e.oin)).not.toContain(municipalityOin);
  });

  it('GET /directory answers 503 with a clear message when the hub cannot be reached', async () => {
    const party = hub.pki.party('muni-cut', testOin(2), 'Gemeente Los');
    await hub.registerParty(party, 'MUNICIPALITY', false);
    const cut = await startMunicipalityAdapter(hub, party, TOKEN, {
      MUNICIPALITY_HUB_URL: 'http://127.0.0.1:9',
    });
    try {
      const { status, json } = await api('GET', '/directory', undefined, cut);
      expect(status).toBe(503);
      expect(json.message).toMatch(/hub directory is unreachable/);
    } finally {
      await cut.stop();
    }
  });

  it('GET /kennisgevingen: newest first, debtor label without BSN, creditor names, filters and paging', async () => {
    const prefix = `PL%_${freshId()}`;
    const older = `${prefix}-1`;
    const newer = `${prefix}-2`;
    expect((await api('POST', '/kennisgevingen', aCase(older, [creditor.oin, declining.oin]))).status).toBe(
      202,
    );
    expect((await api('POST', '/kennisgevingen', aCase(newer, [creditor.oin, unknownOin]))).status).toBe(202);
    // a '%' in the prefix means itself: another case that LIKE would match with a wildcard is left out
    expect((await api('POST', '/kennisgevingen', aCase(`PLx_${freshId()}`, [creditor.oin]))).status).toBe(
      202,
    );

    const atDeclining = await eventually(() => declining.kennisgevingFor(older)?.message, {
      what: 'Kennisgeving',
    });
    await declining.answer(atDeclining, { decision: 'DECLINED', declineReason: 'RECENT_FINAL_DISCHARGE' });

    const page = await eventually(
      async () => {
        const r = await api('GET', `/kennisgevingen?caseReference=${encodeURIComponent(prefix)}`);
        const states = r.json.items.flatMap((i: Json) => i.creditors.map((c: Json) => c.state));
        return states.includes('DECLINED') && states.includes('REJECTED') ? r : undefined;
      },
      { what: 'a declined and a rejected creditor' },
    );
    expect(page.status).toBe(200);
    expect(page.json.items.map((i: Json) => i.caseReference)).toEqual([newer, older]);
    expect(page.text).not.toContain(BSN);
    expect(page.json.items[0]).toMatchObject({ debtorLabel: 'J.M. van Verschuur' });
    const olderItem = page.json.items[1];
    expect(olderItem.creditors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ oin: creditor.oin, name: 'Energie Noord' }),
        {
          oin: declining.oin,
          name: 'Woonstichting Zuid',
          state: 'DECLINED',
          declineReason: 'RECENT_FINAL_DISCHARGE',
        },
      ]),
    );
    const rejected = page.json.items[0].creditors.find((c: Json) => c.oin === unknownOin);
    expect(rejected).toMatchObject({ state: 'REJECTED' });
    expect(rejected.reasonCode).toEqual(expect.any(String));

    const declinedOnly = await api(
      'GET',
      `/kennisgevingen?attention=declined&caseReference=${encodeURIComponent(prefix)}`,
    );
    expect(declinedOnly.json.items.map((i: Json) => i.caseReference)).toEqual([older]);
    const rejectedOnly = await api(
      'GET',
      `/kennisgevingen?attention=rejected&caseReference=${encodeURIComponent(prefix)}`,
    );
    expect(rejectedOnly.json.items.map((i: Json) => i.caseReference)).toEqual([newer]);

    const first = await api('GET', `/kennisgevingen?limit=1&caseReference=${encodeURIComponent(prefix)}`);
    expect(first.json).toMatchObject({ limit: 1, offset: 0, nextOffset: 1 });
    expect(first.json.items.map((i: Json) => i.caseReference)).toEqual([newer]);
    const second = await api(
      'GET',
      `/kennisgevingen?limit=1&offset=1&caseReference=${encodeURIComponent(prefix)}`,
    );
    expect(second.json.items.map((i: Json) => i.caseReference)).toEqual([older]);
    expect(second.json.nextOffset).toBeUndefined();
  });

  it('GET /kennisgevingen/:caseReference shows the debtor to the municipality', async () => {
    const caseReference = `PD-${freshId()}`;
    await api('POST', '/kennisgevingen', aCase(caseReference, [creditor.oin]));
    const { status, json } = await api('GET', `/kennisgevingen/${caseReference}`);
    expect(status).toBe(200);
    expect(json.debtor).toMatchObject({
      bsn: BSN,
      surname: 'Verschuur',
      address: { postcode: '3521AZ', houseNumber: 1 },
    });
  });

  it.each([
    ['attention=late', 'attention'],
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['offset=-1', 'offset'],
  ])('GET /kennisgevingen?%s answers 400 naming the field', async (query, field) => {
    const { status, json } = await api('GET', `/kennisgevingen?${query}`);
    expect(status).toBe(400);
    expect(json.violations.map((v: Json) => v.field)).toContain(field);
  });

  it('GET /schuldregelingen and the proposal preview: same offers as the proposal, nothing sent', async () => {
    const caseReference = `PS-${freshId()}`;
    const opened = await api('POST', '/schuldregelingen', {
      caseReference,
      debtor: aCase(caseReference, []).debtor,
      creditors: [{ oin: creditor.oin }],
    });
    expect(opened.status).toBe(202);
    const before = await api('GET', '/schuldregelingen?limit=200');
    expect(before.json.items.find((d: Json) => d.caseReference === caseReference)).toEqual({
      caseReference,
      state: expect.any(String),
      createdAt: expect.any(String),
      creditors: 1,
      answered: 0,
    });

    const request = await eventually(
      () =>
        creditor.ofType('BalanceRequest').find((r) => r.message.body.caseReference === caseReference)
          ?.message,
      { what: 'BalanceRequest' },
    );
    await creditor.publish({
      header: buildHeader({
        type: 'BalanceStatement',
        sender: creditor.oin,
        recipient: request.header.sender,
        conversationId: request.header.conversationId,
        inReplyTo: request.header.messageId,
      }),
      body: {
        known: true,
        claims: [
          { reference: 'A-1', kind: 'OVERIG', originalAmountCents: 123_457, outstandingAmountCents: 123_457 },
        ],
        totalOutstandingCents: 123_457,
      },
    });
    const listed = await eventually(
      async () =>
        (await api('GET', '/schuldregelingen?limit=200')).json.items.find(
          (d: Json) => d.caseReference === caseReference && d.answered === 1,
        ),
      { what: 'the balance in the list' },
    );
    expect(listed).toMatchObject({ creditors: 1, answered: 1, totalDebtCents: 123_457 });

    const terms = { arrangementType: 'SCHULDBEMIDDELING', payoutPercentage: '33.33' };
    const preview = await api('POST', `/schuldregelingen/${caseReference}/proposal/preview`, terms);
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      balancesComplete: true,
      payoutPercentage: '33.33',
      totalDebtCents: 123_457,
      offers: [
        {
          oin: creditor.oin,
          creditorTotalCents: 123_457,
          offeredAmountCents: offeredAmountCents(123_457, '33.33'),
        },
      ],
    });
    const both = await api('POST', `/schuldregelingen/${caseReference}/proposal/preview`, {
      ...terms,
      availableCents: 1,
    });
    expect(both.status).toBe(400);
    expect(both.json.violations[0].field).toBe('availableCents');

    const sent = await api('POST', `/schuldregelingen/${caseReference}/proposal`, terms);
    expect(sent.status).toBe(202);
    expect(sent.json.proposals.map((p: Json) => p.offeredAmountCents)).toEqual(
      preview.json.offers.map((o: Json) => o.offeredAmountCents),
    );
    const proposals = (): SkpMessage<'PaymentProposal'>[] =>
      creditor
        .ofType('PaymentProposal')
        .map((r) => r.message)
        .filter((m) => m.header.conversationId === request.header.conversationId);
    await eventually(() => proposals().length > 0 || undefined, { what: 'the PaymentProposal' });
    // the preview went out before the proposal on the same queue: had it sent one, it would be here
    expect(proposals()).toHaveLength(1);
    expect(proposals()[0].body.offeredAmountCents).toBe(preview.json.offers[0].offeredAmountCents);
  });

  it("the hub's directory leaves out a suspended party", async () => {
    const suspended = hub.pki.party('creditor-gone', testOin(3), 'Opgeheven BV');
    await hub.registerParty(suspended, 'CREDITOR', false);
    const listed = async () =>
      ((await (await fetch(`${hub.hub.url}/api/directory`)).json()) as Json[]).map((e) => e.oin);
    expect(await listed()).toContain(suspended.oin);
    const patch = await hubApi(hub.hub.url, 'PATCH', `/api/parties/${suspended.oin}`, {
      token: await hub.adminToken(),
      body: { status: 'SUSPENDED' },
    });
    expect(patch.status).toBe(200);
    expect(await listed()).not.toContain(suspended.oin);
  });
});
