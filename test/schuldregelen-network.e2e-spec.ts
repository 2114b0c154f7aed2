import * as amqp from 'amqplib';
import { amqpNames } from '@skp/messages';
import { AppProcess } from './support/app-process';
import { CreditorAdapter, startCreditorAdapter } from './support/creditor-network';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { api } from './support/hub-api-client';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { AMQP_URL, freshId, testOin, TestParty } from './support/test-env';

/**
 * Collectief Schuldregelen through every real part (DESIGN §9): a municipality adapter and fourteen
 * creditor adapters as processes, the hub, RabbitMQ, Postgres and real signatures. Nine creditors
 * take part in Collectief Schuldregelen and answer from their claims register, four answer by hand,
 * and one collective creditor does not know the debtor.
 */
describe('Collectief Schuldregelen: a dossier of 14 creditors from balance request to agreement', () => {
  const BSN = '123456782';
  const DEBTOR = {
    bsn: BSN,
    givenNames: 'Sanne',
    surname: 'Verhoeven-Regeling',
    birthDate: '1987-03-14',
    address: { street: 'Biltstraat', houseNumber: 12, postcode: '3572 AB', city: 'Utrecht' },
  };
  /** outstanding cents per creditor with a claim; the last creditor (13) knows nobody */
  const OUTSTANDING = [
    123_456,
    80_000,
    45_001,
    9_999,
    250_000,
    1,
    77_777,
    3_333,
    60_000, // collective, from claims
    15_000,
    22_222,
    1_234,
    99_999, // manual
  ];
  const COLLECTIVE = 9;
  const MANUAL = 4;

  let h: HubHarness;
  let municipality: AppProcess;
  let municipalityToken: string;
  const creditors: CreditorAdapter[] = [];
  let tap: { connection: amqp.ChannelModel; bytes: Buffer[] };

  const isManual = (i: number) => i >= COLLECTIVE && i < COLLECTIVE + MANUAL;
  const bsnAllowed = (i: number) => i < 3 || i === COLLECTIVE; // three collective, one manual

  async function municipalityApi(method: string, path: string, body?: unknown) {
    return api<any>(municipality.url, method, path, { token: municipalityToken, body });
  }

  async function dossier(reference: string): Promise<any> {
    return (await municipalityApi('GET', `/schuldregelingen/${reference}`)).body;
  }

  function creditorOf(body: any, creditor: CreditorAdapter): any {
    return body.creditors.find((c: any) => c.oin === creditor.party.oin);
  }

  /** The claims file of creditor `i`: found by BSN where it may keep one, else by customer number. */
  async function importClaims(i: number, reference: string): Promise<void> {
    const header =
      'reference;kind;originalAmountCents;outstandingAmountCents;customerNumber;bsn;surname;birthDate;postcode;since';
    const key = bsnAllowed(i) ? `;${BSN};;;` : `KL-${reference}-${i};;;;`;
    const lines = [
      header,
      `${reference}-F${i};ZORG;${OUTSTANDING[i] + 500};${OUTSTANDING[i]};${key};2025-06-01`,
      // a settled claim of the same debtor is not stated
      `${reference}-S${i};NUTS;1000;0;${key};2024-01-01`,
    ];
    const response = await fetch(`${creditors[i].app.url}/claims/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${creditors[i].token}` },
      body: lines.join('\n'),
    });
    expect(response.status).toBe(200);
  }

  function aDossier(reference: string) {
    return {
      caseReference: reference,
      debtor: DEBTOR,
      collective: true,
      creditors: creditors.map((c, i) => ({ oin: c.party.oin, customerNumber: `KL-${reference}-${i}` })),
    };
  }

  /** Inbox entries of one type in one conversation. */
  async function inboxOf(creditor: CreditorAdapter, type: string, conversationId: string): Promise<any[]> {
    const { body } = await creditor.api('GET', `/inbox?type=${type}`);
    return (body?.messages ?? []).filter((m: any) => m.conversationId === conversationId);
  }

  /** A manual creditor states its balance by hand, from the same claim the collective ones import. */
  async function stateByHand(i: number, reference: string, requestId: string): Promise<void> {
    await eventually(async () => (await creditors[i].api('GET', `/inbox/${requestId}`)).status === 200, {
      what: `BalanceRequest in the inbox of creditor ${i}`,
    });
    const answer = await creditors[i].api('POST', `/inbox/${requestId}/balance`, {
      known: true,
      claims: [
        {
          reference: `${reference}-F${i}`,
          kind: 'OVERIG',
          originalAmountCents: OUTSTANDING[i] + 500,
          outstandingAmountCents: OUTSTANDING[i],
        },
      ],
      totalOutstandingCents: OUTSTANDING[i],
    });
    expect(answer.status).toBe(201);
  }

  async function respondByHand(i: number, conversationId: string, decision: 'ACCEPTED' | 'REJECTED') {
    const [proposal] = await eventually(
      async () => {
        const found = await inboxOf(creditors[i], 'PaymentProposal', conversationId);
        return found.length > 0 ? found : undefined;
      },
      { what: `PaymentProposal at creditor ${i}`, timeoutMs: 60_000 },
    );
    const answer = await creditors[i].api('POST', `/inbox/${proposal.messageId}/proposal-response`, {
      decision,
      ...(decision === 'REJECTED' ? { rejectReason: 'AMOUNT_TOO_LOW' } : {}),
      byPreApproval: false,
    });
    expect(answer.status).toBe(201);
  }

  /** Exact integer arithmetic, written out here independently of the adapter's. */
  function expectedFigures(available: number) {
    const total = OUTSTANDING.reduce((sum, cents) => sum + cents, 0);
    const basisPoints = Math.min(10_000, Number((BigInt(available) * 10_000n) / BigInt(total)));
    const percentage = `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
    const offers = OUTSTANDING.map((cents) =>
      Number((BigInt(cents) * BigInt(basisPoints) * 2n + 10_000n) / 20_000n),
    );
    return { total, percentage, offers };
  }

  beforeAll(async () => {
    h = await startHub();
    const m = h.pki.party('municipality', testOin(1), 'Gemeente Regeling');
    await h.registerParty(m, 'MUNICIPALITY', false);
    const parties: TestParty[] = [];
    for (let i = 0; i < 14; i += 1) {
      const party = h.pki.party(`creditor-${i}`, testOin(2), `Schuldeiser ${i}`);
      await h.registerParty(party, 'CREDITOR', bsnAllowed(i));
      parties.push(party);
    }
    // everything the broker carries to creditor 4 (no BSN allowed)
    const names = amqpNames(h.prefix);
    const connection = await amqp.connect(AMQP_URL);
    const channel = await connection.createChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, names.deliver, parties[4].oin);
    tap = { connection, bytes: [] };
    await channel.consume(queue, (msg) => msg && tap.bytes.push(msg.content), { noAck: true });

    for (const [i, party] of parties.entries()) {
      creditors.push(
        await startCreditorAdapter(h, party, {
          CREDITOR_COLLECTIVE: isManual(i) ? 'false' : 'true',
          CREDITOR_BSN_ALLOWED: bsnAllowed(i) ? 'true' : 'false',
        }),
      );
    }
    municipalityToken = `municipality-${freshId()}`;
    municipality = await startMunicipalityAdapter(h, m, municipalityToken, {
      MUNICIPALITY_NAME: 'Gemeente Regeling',
      BSN_ALLOWED_CREDITORS: parties
        .filter((_p, i) => bsnAllowed(i))
        .map((p) => p.oin)
        .join(','),
    });
  }, 600_000);

  afterAll(async () => {
    await tap?.connection.close().catch(() => undefined);
    for (const app of [municipality, ...creditors.map((c) => c.app)]) {
      await app?.stop();
    }
    await h?.teardown();
  });

  it('goes from BalanceRequest to ArrangementAgreed with every figure exact, and no BSN where it may not go', async () => {
    const reference = `SR-${freshId()}`;
    for (let i = 0; i < COLLECTIVE; i += 1) {
      await importClaims(i, reference);
    }
    const submitted = await municipalityApi('POST', '/schuldregelingen', aDossier(reference));
    expect(submitted.status).toBe(202);
    const sent = Object.fromEntries(submitted.body.creditors.map((c: any) => [c.oin, c]));
    creditors.forEach((c, i) => expect(sent[c.party.oin].variant).toBe(bsnAllowed(i) ? 'PUBLIC' : 'PRIVATE'));

    // the collective creditors state their balances by themselves; the unknown one says so
    const collectiveDone = await eventually(
      async () => {
        const body = await dossier(reference);
        const states = creditors.map((c) => creditorOf(body, c)?.state);
        const done =
          states.slice(0, COLLECTIVE).every((s) => s === 'STATED') && states[13] === 'UNKNOWN_DEBTOR';
        return done ? body : undefined;
      },
      { what: 'collective balances', timeoutMs: 120_000 },
    );
    for (let i = 0; i < COLLECTIVE; i += 1) {
      expect(creditorOf(collectiveDone, creditors[i])).toMatchObject({
        totalOutstandingCents: OUTSTANDING[i],
        preApproval: true,
      });
    }

    // a proposal before every balance is in is refused
    const early = await municipalityApi('POST', `/schuldregelingen/${reference}/proposal`, {
      arrangementType: 'SCHULDBEMIDDELING',
      availableCents: 100_000,
    });
    expect(early.status).toBe(409);

    for (let i = COLLECTIVE; i < COLLECTIVE + MANUAL; i += 1) {
      await stateByHand(i, reference, sent[creditors[i].party.oin].messageId);
    }
    const stated = await eventually(
      async () => {
        const body = await dossier(reference);
        const manualIn = creditors
          .slice(COLLECTIVE, COLLECTIVE + MANUAL)
          .every((c) => creditorOf(body, c)?.state === 'STATED');
        return manualIn ? body : undefined;
      },
      { what: 'manual balances', timeoutMs: 60_000 },
    );
    const available = 250_000;
    const expected = expectedFigures(available);
    expect(stated.totalDebtCents).toBe(expected.total);

    const proposal = await municipalityApi('POST', `/schuldregelingen/${reference}/proposal`, {
      arrangementType: 'SCHULDBEMIDDELING',
      availableCents: available,
      termMonths: 18,
    });
    expect(proposal.status).toBe(202);
    expect(proposal.body.payoutPercentage).toBe(expected.percentage);

    for (let i = COLLECTIVE; i < COLLECTIVE + MANUAL; i += 1) {
      await respondByHand(i, sent[creditors[i].party.oin].messageId, 'ACCEPTED');
    }
    const agreed = await eventually(
      async () => {
        const body = await dossier(reference);
        return body.state === 'AGREED' ? body : undefined;
      },
      { what: 'the dossier AGREED', timeoutMs: 120_000 },
    );
    creditors.slice(0, 13).forEach((c, i) => {
      expect(creditorOf(agreed, c)).toMatchObject({
        state: 'AGREED',
        proposal: expect.objectContaining({
          payoutPercentage: expected.percentage,
          offeredAmountCents: expected.offers[i],
        }),
      });
      expect(creditorOf(agreed, c).response).toMatchObject({
        decision: 'ACCEPTED',
        byPreApproval: !isManual(i),
      });
    });
    expect(creditorOf(agreed, creditors[13]).state).toBe('UNKNOWN_DEBTOR');

    // every creditor with a claim holds the signed ArrangementAgreed with its own offer
    for (let i = 0; i < 13; i += 1) {
      const conversationId = sent[creditors[i].party.oin].messageId;
      const [message] = await eventually(
        async () => {
          const found = await inboxOf(creditors[i], 'ArrangementAgreed', conversationId);
          return found.length > 0 ? found : undefined;
        },
        { what: `ArrangementAgreed at creditor ${i}` },
      );
      const detail = await creditors[i].api('GET', `/inbox/${message.messageId}`);
      expect(detail.body.message.body).toMatchObject({
        payoutPercentage: expected.percentage,
        offeredAmountCents: expected.offers[i],
      });
    }
    // the creditor that knows nobody gets no proposal and no agreement
    const unknownConversation = sent[creditors[13].party.oin].messageId;
    expect(await inboxOf(creditors[13], 'PaymentProposal', unknownConversation)).toEqual([]);

    // what the broker carried to a creditor without the BSN right: never the BSN
    await eventually(() => tap.bytes.length > 0);
    expect(tap.bytes.map((b) => b.toString()).join('\n')).not.toContain(BSN);
  });

  it('leaves a creditor that rejects REJECTED with its reason, and sends no ArrangementAgreed', async () => {
    const reference = `SR-${freshId()}`;
    for (let i = 0; i < COLLECTIVE; i += 1) {
      await importClaims(i, reference);
    }
    const submitted = await municipalityApi('POST', '/schuldregelingen', aDossier(reference));
    expect(submitted.status).toBe(202);
    const sent = Object.fromEntries(submitted.body.creditors.map((c: any) => [c.oin, c]));
    for (let i = COLLECTIVE; i < COLLECTIVE + MANUAL; i += 1) {
      await stateByHand(i, reference, sent[creditors[i].party.oin].messageId);
    }
    await eventually(
      async () => {
        const body = await dossier(reference);
        return creditors.every((c) => ['STATED', 'UNKNOWN_DEBTOR'].includes(creditorOf(body, c)?.state));
      },
      { what: 'all balances', timeoutMs: 120_000 },
    );
    const proposal = await municipalityApi('POST', `/schuldregelingen/${reference}/proposal`, {
      arrangementType: 'SCHULDBEMIDDELING',
      payoutPercentage: '12.50',
    });
    expect(proposal.status).toBe(202);
    const rejecter = COLLECTIVE + 1;
    for (let i = COLLECTIVE; i < COLLECTIVE + MANUAL; i += 1) {
      await respondByHand(
        i,
        sent[creditors[i].party.oin].messageId,
        i === rejecter ? 'REJECTED' : 'ACCEPTED',
      );
    }
    const answered = await eventually(
      async () => {
        const body = await dossier(reference);
        const all = creditors.slice(0, 13).every((c) => creditorOf(body, c)?.response);
        return all ? body : undefined;
      },
      { what: 'every response', timeoutMs: 120_000 },
    );
    expect(creditorOf(answered, creditors[rejecter])).toMatchObject({
      state: 'PROPOSAL_REJECTED',
      response: { decision: 'REJECTED', rejectReason: 'AMOUNT_TOO_LOW' },
    });
    expect(answered.state).toBe('REJECTED');

    // the hub routed no ArrangementAgreed in any of this dossier's conversations
    const conversations = new Set(creditors.map((c) => sent[c.party.oin].messageId));
    const token = await h.adminToken();
    const routed = await api<any>(h.hub.url, 'GET', '/api/messages?type=ArrangementAgreed&limit=200', {
      token,
    });
    expect(routed.status).toBe(200);
    expect(routed.body.items.filter((m: any) => conversations.has(m.conversationId))).toEqual([]);
  });
});
