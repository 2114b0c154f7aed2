import { randomUUID } from 'node:crypto';
import {
  BalanceRequestBody,
  BalanceStatementBody,
  buildHeader,
  offeredAmountCents,
  PaymentProposalBody,
  ProposalResponseBody,
  SkpMessage,
  Variant,
} from '@skp/messages';
import { aKennisgevingBody } from './factories/messages.factory';
import { eventually } from './support/eventually';
import { startHub, HubHarness } from './support/hub-harness';
import { testOin } from './support/test-env';
import {
  aBsn,
  connectMunicipality,
  CreditorAdapter,
  JsonAnswer,
  startCreditorAdapter,
  TestMunicipality,
} from './support/creditor-network';

/**
 * Collectief Schuldregelen at the creditor (DESIGN §9): a real hub, two creditor adapters as
 * processes (a collective participant allowed the BSN, and one that answers by hand) and a test
 * municipality that signs and sends through the hub.
 */
describe('creditor adapter: Collectief Schuldregelen (e2e)', () => {
  let harness: HubHarness;
  let municipality: TestMunicipality;
  let collective: CreditorAdapter;
  let manual: CreditorAdapter;
  const bsn = aBsn();
  const customerNumber = `K-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    harness = await startHub();
    const muni = harness.pki.party('municipality', testOin(1), 'Test gemeente');
    const col = harness.pki.party('creditor-collective', testOin(3), 'Test zorgverzekeraar');
    const man = harness.pki.party('creditor-manual', testOin(3), 'Test incasso');
    await harness.registerParty(muni, 'MUNICIPALITY', false);
    await harness.registerParty(col, 'CREDITOR', true);
    await harness.registerParty(man, 'CREDITOR', false);
    [collective, manual] = await Promise.all([
      startCreditorAdapter(harness, col, { CREDITOR_BSN_ALLOWED: 'true', CREDITOR_COLLECTIVE: 'true' }),
      startCreditorAdapter(harness, man),
    ]);
    municipality = await connectMunicipality(harness, muni);
  });

  afterAll(async () => {
    await municipality?.close();
    await Promise.all([collective?.app.stop(), manual?.app.stop()]);
    await harness?.teardown();
  });

  const requestBody = (
    creditor: CreditorAdapter,
    overrides: Partial<BalanceRequestBody> = {},
  ): BalanceRequestBody => {
    const variant: Variant = creditor === collective ? 'PUBLIC' : 'PRIVATE';
    const { debtor, municipality: gemeente, counsellor } = aKennisgevingBody({ variant });
    return {
      variant,
      debtor: { ...debtor, ...(variant === 'PUBLIC' ? { bsn } : {}) },
      municipality: gemeente,
      counsellor,
      caseReference: `SR-${randomUUID().slice(0, 8)}`,
      collective: true,
      ...overrides,
    };
  };

  async function requestBalance(creditor: CreditorAdapter, body: BalanceRequestBody): Promise<SkpMessage> {
    const header = buildHeader({
      type: 'BalanceRequest',
      sender: municipality.oin,
      recipient: creditor.party.oin,
    });
    return municipality.send({ header, body });
  }

  async function answerTo<T>(
    messageId: string,
    type: string,
  ): Promise<{ header: SkpMessage['header']; body: T }> {
    const found = await municipality.waitFor(
      `${type} answering ${messageId}`,
      (m) => m.header.type === type && m.header.inReplyTo === messageId,
    );
    return found as unknown as { header: SkpMessage['header']; body: T };
  }

  async function propose(
    creditor: CreditorAdapter,
    statement: SkpMessage,
    terms: Partial<PaymentProposalBody>,
  ) {
    const creditorTotalCents = terms.creditorTotalCents ?? 0;
    const payoutPercentage = terms.payoutPercentage ?? '40.00';
    const header = buildHeader({
      type: 'PaymentProposal',
      sender: municipality.oin,
      recipient: creditor.party.oin,
      conversationId: statement.header.conversationId,
      inReplyTo: statement.header.messageId,
    });
    const body: PaymentProposalBody = {
      arrangementType: 'SCHULDBEMIDDELING',
      payoutPercentage,
      creditorTotalCents,
      offeredAmountCents: offeredAmountCents(creditorTotalCents, payoutPercentage),
      totalDebtCents: creditorTotalCents * 3,
      termMonths: 18,
      startDate: '2027-01-01',
      ...terms,
    };
    return municipality.send({ header, body });
  }

  async function importCsv(creditor: CreditorAdapter, csv: string, contentType = 'text/csv') {
    const response = await fetch(`${creditor.app.url}/claims/import`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${creditor.token}` },
      body: csv,
    });
    return { status: response.status, body: (await response.json()) as JsonAnswer };
  }

  const HEADER =
    'reference;kind;originalAmountCents;outstandingAmountCents;customerNumber;bsn;surname;birthDate;postcode;since';

  it('imports claims by CSV: a bad line reported by its number, the good ones stored', async () => {
    const csv = [
      HEADER,
      `Z-1;ZORG;120000;100000;;${bsn};;;;2025-03-01`,
      `Z-2;HUUR;5000;5000;;${bsn};;;;`,
      `Z-3;NUTS;30000;23456;${customerNumber};;;;;`,
      `Z-4;OVERIG;9000;0;${customerNumber};;;;;`,
    ].join('\n');
    const result = await importCsv(collective, csv);
    expect(result.status).toBe(200);
    expect(result.body.summary).toEqual({ stored: 3, failed: 1 });
    expect(result.body.rows.map((row: { line: number; status: string }) => [row.line, row.status])).toEqual([
      [2, 'STORED'],
      [3, 'ERROR'],
      [4, 'STORED'],
      [5, 'STORED'],
    ]);
    expect(result.body.rows[1].errors).toEqual([expect.objectContaining({ field: 'kind', rule: 'one-of' })]);

    const listed = await collective.api('GET', '/claims?limit=10');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(3);
    expect(listed.body.claims.map((c: { reference: string }) => c.reference)).toEqual(['Z-1', 'Z-3', 'Z-4']);
    expect(listed.body.claims[0]).toMatchObject({ kind: 'ZORG', outstandingAmountCents: 100000, bsn });

    // upsert by reference: a second file replaces the amount
    expect(
      (await importCsv(collective, `${HEADER}\nZ-1;ZORG;120000;90000;;${bsn};;;;2025-03-01`)).status,
    ).toBe(200);
    const again = await collective.api('GET', '/claims');
    expect(again.body.claims[0]).toMatchObject({ reference: 'Z-1', outstandingAmountCents: 90000 });

    expect((await importCsv(collective, 'reference;colour\nX;red')).body.violations).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'header.colour', rule: 'unknown-column' })]),
    );
    expect((await importCsv(collective, '{}', 'application/json')).status).toBe(415);
    // a creditor without BSN rights refuses the BSN line by line
    const refused = await importCsv(manual, `${HEADER}\nM-1;ZORG;100;100;;${bsn};;;;`);
    expect(refused.body.rows[0].errors).toEqual([
      expect.objectContaining({ field: 'bsn', rule: 'bsn-not-allowed' }),
    ]);
    expect((await collective.api('GET', '/claims', undefined, '')).status).toBe(401);
  });

  it('answers a collective request at once from the claims with pre-approval, and accepts a conforming proposal', async () => {
    const request = await requestBalance(
      collective,
      requestBody(collective, { creditorCustomerNumber: customerNumber }),
    );
    const statement = await answerTo<BalanceStatementBody>(request.header.messageId, 'BalanceStatement');
    expect(statement.header).toMatchObject({
      sender: collective.party.oin,
      recipient: municipality.oin,
      conversationId: request.header.messageId,
    });
    expect(statement.body).toMatchObject({
      known: true,
      totalOutstandingCents: 90000 + 23456,
      preApproval: true,
    });
    expect(statement.body.claims.map((c) => c.reference)).toEqual(['Z-1', 'Z-3']);

    const entry = await collective.api('GET', `/inbox/${request.header.messageId}`);
    expect(entry.body).toMatchObject({
      type: 'BalanceRequest',
      state: 'ANSWERED',
      answer: { known: true, preApproval: true, answeredBy: 'AUTO', messageId: statement.header.messageId },
    });

    const proposal = await propose(collective, statement as SkpMessage, { creditorTotalCents: 113456 });
    const response = await answerTo<ProposalResponseBody>(proposal.header.messageId, 'ProposalResponse');
    expect(response.body).toEqual({ decision: 'ACCEPTED', byPreApproval: true });
  });

  it('leaves a proposal that does not follow the pre-approval to a person, who rejects it with a reason', async () => {
    const request = await requestBalance(
      collective,
      requestBody(collective, {
        variant: 'PRIVATE',
        debtor: { ...requestBody(manual).debtor, surname: 'Anders' },
        creditorCustomerNumber: customerNumber,
      }),
    );
    const statement = await answerTo<BalanceStatementBody>(request.header.messageId, 'BalanceStatement');
    expect(statement.body).toMatchObject({ known: true, totalOutstandingCents: 23456, preApproval: true });

    const proposal = await propose(collective, statement as SkpMessage, {
      creditorTotalCents: 23456,
      termMonths: 30,
    });
    const id = proposal.header.messageId;
    await eventually(
      async () => (await collective.api('GET', `/inbox/${id}`)).body?.state === 'NEW' || undefined,
      {
        what: 'proposal in the inbox',
      },
    );
    const waiting = await collective.api('GET', '/inbox?type=PaymentProposal&state=NEW');
    expect(waiting.body.messages.map((m: { messageId: string }) => m.messageId)).toContain(id);
    expect(municipality.repliesTo(id, 'ProposalResponse')).toEqual([]);

    const bad = await collective.api('POST', `/inbox/${id}/proposal-response`, { decision: 'REJECTED' });
    expect(bad.status).toBe(400);
    expect(bad.body.violations).toEqual([
      expect.objectContaining({ field: 'rejectReason', rule: 'required-iff-REJECTED' }),
    ]);
    const answered = await collective.api('POST', `/inbox/${id}/proposal-response`, {
      decision: 'REJECTED',
      rejectReason: 'AMOUNT_TOO_LOW',
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({
      state: 'ANSWERED',
      answer: { decision: 'REJECTED', answeredBy: 'MANUAL' },
    });
    const response = await answerTo<ProposalResponseBody>(id, 'ProposalResponse');
    expect(response.body).toEqual({
      decision: 'REJECTED',
      rejectReason: 'AMOUNT_TOO_LOW',
      byPreApproval: false,
    });

    const twice = await collective.api('POST', `/inbox/${id}/proposal-response`, { decision: 'ACCEPTED' });
    expect(twice.status).toBe(409);
    const wrongType = await collective.api('POST', `/inbox/${id}/balance`, {
      known: false,
      claims: [],
      totalOutstandingCents: 0,
    });
    expect(wrongType.status).toBe(409);
    expect(
      (await collective.api('POST', `/inbox/${randomUUID()}/proposal-response`, { decision: 'ACCEPTED' }))
        .status,
    ).toBe(404);
  });

  it('answers an unknown debtor with known: false', async () => {
    const request = await requestBalance(
      collective,
      requestBody(collective, {
        debtor: { ...requestBody(collective).debtor, bsn: aBsn(), surname: 'Niemand' },
      }),
    );
    const statement = await answerTo<BalanceStatementBody>(request.header.messageId, 'BalanceStatement');
    expect(statement.body).toEqual({ known: false, claims: [], totalOutstandingCents: 0 });
  });

  it('lets a creditor outside the collective answer by hand, and ask for news', async () => {
    const request = await requestBalance(manual, requestBody(manual));
    const id = request.header.messageId;
    await eventually(
      async () => (await manual.api('GET', `/inbox/${id}`)).body?.state === 'NEW' || undefined,
      {
        what: 'request in the inbox',
      },
    );
    expect(municipality.repliesTo(id, 'BalanceStatement')).toEqual([]);

    const claims = [
      { reference: 'M-9', kind: 'OVERIG', originalAmountCents: 5000, outstandingAmountCents: 4000 },
    ];
    const bad = await manual.api('POST', `/inbox/${id}/balance`, {
      known: true,
      claims,
      totalOutstandingCents: 3999,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.violations).toEqual([
      expect.objectContaining({ field: 'totalOutstandingCents', rule: 'sum-of-claims' }),
    ]);
    const good = await manual.api('POST', `/inbox/${id}/balance`, {
      known: true,
      claims,
      totalOutstandingCents: 4000,
    });
    expect(good.status).toBe(201);
    const statement = await answerTo<BalanceStatementBody>(id, 'BalanceStatement');
    expect(statement.body).toEqual({ known: true, claims, totalOutstandingCents: 4000 });

    const asked = await manual.api('POST', `/inbox/${id}/status-request`, {
      question: 'Hoe staat het ervoor?',
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ conversationId: id, recipient: municipality.oin });
    const status = await municipality.waitFor(
      'StatusRequest',
      (m) => m.header.messageId === asked.body.messageId,
    );
    expect(status).toMatchObject({
      header: { type: 'StatusRequest', conversationId: id },
      body: { question: 'Hoe staat het ervoor?' },
    });
    expect((await manual.api('POST', `/inbox/${randomUUID()}/status-request`, {})).status).toBe(404);
  });
});
