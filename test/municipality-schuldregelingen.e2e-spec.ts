import {
  buildHeader,
  newMessageId as freshUuid,
  offeredAmountCents,
  SkpMessage,
  UnsignedMessage,
} from '@skp/messages';
import { AppProcess } from './support/app-process';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, freshId, testOin } from './support/test-env';

/**
 * /schuldregelingen against a real hub, broker, Postgres and signatures: stand-in creditors answer
 * BalanceRequests and PaymentProposals by hand with messages signed by their own certificates.
 */
const TOKEN = 'test-municipality-token';
const BSN = '111222333';

let hub: HubHarness;
let adapter: AppProcess;
let bsnCreditor: MunicipalityTestCreditor;
let privateCreditor: MunicipalityTestCreditor;
let unknownCreditor: MunicipalityTestCreditor;

type Json = any;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${adapter.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

function aDossier(creditors: Array<{ oin: string; customerNumber?: string }>) {
  return {
    caseReference: `SR-${freshId()}`,
    debtor: {
      bsn: BSN,
      givenNames: 'Janneke',
      surname: 'Verschuur',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
    },
    creditors,
  };
}

function received<T extends SkpMessage['header']['type']>(
  creditor: MunicipalityTestCreditor,
  type: T,
  conversationId: string,
): Promise<SkpMessage<T>> {
  return eventually(
    () => creditor.ofType(type).find((r) => r.message.header.conversationId === conversationId)?.message,
    { what: `${type} at ${creditor.oin}` },
  );
}

function reply<T extends 'BalanceStatement' | 'ProposalResponse' | 'StatusRequest'>(
  creditor: MunicipalityTestCreditor,
  to: SkpMessage,
  type: T,
  body: UnsignedMessage<T>['body'],
  inReplyTo: string | undefined = to.header.messageId,
): Promise<string> {
  return creditor.publish({
    header: buildHeader({
      type,
      sender: creditor.oin,
      recipient: to.header.sender,
      conversationId: to.header.conversationId,
      ...(inReplyTo ? { inReplyTo } : {}),
    }),
    body,
  } as UnsignedMessage);
}

const claim = (reference: string, cents: number) => ({
  reference,
  kind: 'OVERIG' as const,
  originalAmountCents: cents,
  outstandingAmountCents: cents,
});

async function dossierWhen(caseReference: string, holds: (d: Json) => boolean, what: string): Promise<Json> {
  return eventually(
    async () => {
      const { status, json } = await api('GET', `/schuldregelingen/${encodeURIComponent(caseReference)}`);
      return status === 200 && holds(json) ? json : undefined;
    },
    { what },
  );
}

beforeAll(async () => {
  hub = await startHub();
  const municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Test');
  const [a, b, c] = ['bsn', 'private', 'unknown'].map((slug) =>
    hub.pki.party(`creditor-${slug}`, testOin(3), `Creditor ${slug}`),
  );
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  await hub.registerParty(a, 'CREDITOR', true);
  await hub.registerParty(b, 'CREDITOR', false);
  await hub.registerParty(c, 'CREDITOR', false);
  bsnCreditor = await new MunicipalityTestCreditor(a, hub.prefix, AMQP_URL).start();
  privateCreditor = await new MunicipalityTestCreditor(b, hub.prefix, AMQP_URL).start();
  unknownCreditor = await new MunicipalityTestCreditor(c, hub.prefix, AMQP_URL).start();
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
    BSN_ALLOWED_CREDITORS: a.oin,
    HUB_OIN: hub.hubParty.oin,
  });
});

afterAll(async () => {
  await Promise.all([bsnCreditor, privateCreditor, unknownCreditor].map((c) => c?.stop()));
  await adapter?.stop();
  await hub?.teardown();
});

describe('municipality adapter: /schuldregelingen', () => {
  it('balances, a proposal from the amount available, every creditor accepts: ArrangementAgreed to each', async () => {
    const dossier = aDossier([
      { oin: bsnCreditor.oin },
      { oin: privateCreditor.oin, customerNumber: 'K-9' },
      { oin: unknownCreditor.oin },
    ]);
    const submitted = await api('POST', '/schuldregelingen', dossier);
    expect(submitted.status).toBe(202);
    const ids: Record<string, string> = Object.fromEntries(
      submitted.json.creditors.map((c: Json) => [c.oin, c.messageId]),
    );
    expect(submitted.json.creditors.map((c: Json) => [c.variant, c.state])).toEqual(
      [bsnCreditor, privateCreditor, unknownCreditor]
        .map((c) => c.oin)
        .sort()
        .map((oin) => [oin === bsnCreditor.oin ? 'PUBLIC' : 'PRIVATE', 'SENT']),
    );
    const repeat = await api('POST', '/schuldregelingen', dossier);
    expect(repeat.json.creditors.map((c: Json) => c.messageId).sort()).toEqual(Object.values(ids).sort());

    const atBsn = await received(bsnCreditor, 'BalanceRequest', ids[bsnCreditor.oin]);
    const atPrivate = await received(privateCreditor, 'BalanceRequest', ids[privateCreditor.oin]);
    const atUnknown = await received(unknownCreditor, 'BalanceRequest', ids[unknownCreditor.oin]);
    expect(atBsn.body.debtor.bsn).toBe(BSN);
    expect(atBsn.body.collective).toBe(true);
    expect(atPrivate.body.variant).toBe('PRIVATE');
    expect(atPrivate.body.debtor.bsn).toBeUndefined();
    expect(JSON.stringify(atPrivate)).not.toContain(BSN);
    expect(JSON.stringify(atUnknown)).not.toContain(BSN);
    expect(atPrivate.body.creditorCustomerNumber).toBe('K-9');

    await reply(bsnCreditor, atBsn, 'BalanceStatement', {
      known: true,
      claims: [claim('A-1', 100_000), claim('A-2', 23_457)],
      totalOutstandingCents: 123_457,
      preApproval: true,
      paymentReference: 'PAY-A',
    });
    await reply(unknownCreditor, atUnknown, 'BalanceStatement', {
      known: false,
      claims: [],
      totalOutstandingCents: 0,
    });
    await dossierWhen(
      dossier.caseReference,
      (d) =>
        d.creditors.filter((c: Json) => c.state === 'STATED' || c.state === 'UNKNOWN_DEBTOR').length === 2,
      'two balances',
    );
    const early = await api('POST', `/schuldregelingen/${dossier.caseReference}/proposal`, {
      arrangementType: 'SCHULDBEMIDDELING',
      availableCents: 100_000,
    });
    expect(early.status).toBe(409);

    await reply(privateCreditor, atPrivate, 'BalanceStatement', {
      known: true,
      claims: [claim('B-1', 76_543)],
      totalOutstandingCents: 76_543,
      preApproval: false,
    });
    const complete = await dossierWhen(
      dossier.caseReference,
      (d) => d.state === 'BALANCES_COMPLETE',
      'complete',
    );
    expect(complete.totalDebtCents).toBe(200_000);
    expect(complete.creditors.find((c: Json) => c.oin === unknownCreditor.oin)).toMatchObject({
      state: 'UNKNOWN_DEBTOR',
      totalOutstandingCents: 0,
      overdue: false,
    });

    const both = await api('POST', `/schuldregelingen/${dossier.caseReference}/proposal`, {
      arrangementType: 'SCHULDBEMIDDELING',
      availableCents: 100_001,
      payoutPercentage: '50.00',
    });
    expect(both.status).toBe(400);
    expect(both.json.violations[0].field).toBe('availableCents');

    const proposed = await api('POST', `/schuldregelingen/${dossier.caseReference}/proposal`, {
      arrangementType: 'SCHULDBEMIDDELING',
      availableCents: 100_001,
      startDate: '2027-01-01',
    });
    expect(proposed.status).toBe(202);
    // 100001 / 200000 = 50.0005 % → floored to 50.00; 123457 × 0.5 = 61728.5 → 61729; 76543 × 0.5 → 38272
    expect(proposed.json).toMatchObject({
      payoutPercentage: '50.00',
      totalDebtCents: 200_000,
      offeredTotalCents: 100_001,
      roundingCents: 1,
      unallocatedCents: 0,
      termMonths: 18,
      startDate: '2027-01-01',
      endDate: '2028-07-01',
    });
    expect(offeredAmountCents(123_457, '50.00')).toBe(61_729);
    expect(proposed.json.proposals.map((p: Json) => [p.oin, p.offeredAmountCents]).sort()).toEqual(
      [
        [bsnCreditor.oin, 61_729],
        [privateCreditor.oin, 38_272],
      ].sort(),
    );

    const proposalA = await received(bsnCreditor, 'PaymentProposal', ids[bsnCreditor.oin]);
    const proposalB = await received(privateCreditor, 'PaymentProposal', ids[privateCreditor.oin]);
    expect(unknownCreditor.ofType('PaymentProposal')).toHaveLength(0);
    expect(proposalA.body).toMatchObject({
      offeredAmountCents: 61_729,
      creditorTotalCents: 123_457,
      totalDebtCents: 200_000,
    });
    expect(proposalA.header.inReplyTo).toBeDefined();

    await reply(bsnCreditor, proposalA, 'ProposalResponse', { decision: 'ACCEPTED', byPreApproval: true });
    await reply(privateCreditor, proposalB, 'ProposalResponse', {
      decision: 'ACCEPTED',
      byPreApproval: false,
    });
    const agreedA = await received(bsnCreditor, 'ArrangementAgreed', ids[bsnCreditor.oin]);
    const agreedB = await received(privateCreditor, 'ArrangementAgreed', ids[privateCreditor.oin]);
    expect(agreedA.body).toEqual({
      arrangementType: 'SCHULDBEMIDDELING',
      payoutPercentage: '50.00',
      offeredAmountCents: 61_729,
      paymentReference: 'PAY-A',
      startDate: '2027-01-01',
      endDate: '2028-07-01',
    });
    expect(agreedB.body.paymentReference).toBe(dossier.caseReference);
    await dossierWhen(dossier.caseReference, (d) => d.state === 'AGREED', 'agreed');

    // a StatusRequest is answered with a ProgressUpdate saying where the case stands
    await reply(privateCreditor, agreedB, 'StatusRequest', { question: 'Hoe staat het ervoor?' }, undefined);
    const progress = await received(privateCreditor, 'ProgressUpdate', ids[privateCreditor.oin]);
    expect(progress.body.status).toBe('ARRANGEMENT_AGREED');

    const ended = await api('POST', `/schuldregelingen/${dossier.caseReference}/end`, {
      reason: 'COMPLETED',
      paidAmountCents: 100_001,
    });
    expect(ended.status).toBe(202);
    expect(ended.json.ended).toHaveLength(3);
    const endedAtA = await received(bsnCreditor, 'ArrangementEnded', ids[bsnCreditor.oin]);
    expect(endedAtA.body).toEqual({ reason: 'COMPLETED', paidAmountCents: 100_001 });
    await dossierWhen(dossier.caseReference, (d) => d.state === 'ENDED', 'ended');
  });

  it('one creditor rejects: it is REJECTED with its reason and no ArrangementAgreed goes out', async () => {
    const dossier = aDossier([{ oin: bsnCreditor.oin }, { oin: privateCreditor.oin }]);
    const submitted = await api('POST', '/schuldregelingen', dossier);
    const ids: Record<string, string> = Object.fromEntries(
      submitted.json.creditors.map((c: Json) => [c.oin, c.messageId]),
    );
    const atA = await received(bsnCreditor, 'BalanceRequest', ids[bsnCreditor.oin]);
    const atB = await received(privateCreditor, 'BalanceRequest', ids[privateCreditor.oin]);
    await reply(bsnCreditor, atA, 'BalanceStatement', {
      known: true,
      claims: [claim('X', 5_000)],
      totalOutstandingCents: 5_000,
      preApproval: true,
    });
    await reply(privateCreditor, atB, 'BalanceStatement', {
      known: true,
      claims: [claim('Y', 5_000)],
      totalOutstandingCents: 5_000,
      preApproval: false,
    });
    await dossierWhen(dossier.caseReference, (d) => d.state === 'BALANCES_COMPLETE', 'complete');
    const proposed = await api('POST', `/schuldregelingen/${dossier.caseReference}/proposal`, {
      arrangementType: 'SANERINGSKREDIET',
      payoutPercentage: '10.00',
    });
    expect(proposed.status).toBe(202);
    const proposalA = await received(bsnCreditor, 'PaymentProposal', ids[bsnCreditor.oin]);
    const proposalB = await received(privateCreditor, 'PaymentProposal', ids[privateCreditor.oin]);
    await reply(privateCreditor, proposalB, 'ProposalResponse', {
      decision: 'REJECTED',
      rejectReason: 'AMOUNT_TOO_LOW',
      byPreApproval: false,
    });
    await reply(bsnCreditor, proposalA, 'ProposalResponse', { decision: 'ACCEPTED', byPreApproval: true });
    const view = await dossierWhen(
      dossier.caseReference,
      (d) => d.creditors.every((c: Json) => c.response),
      'both responses',
    );
    expect(view.state).toBe('REJECTED');
    expect(view.creditors.find((c: Json) => c.oin === privateCreditor.oin)).toMatchObject({
      state: 'PROPOSAL_REJECTED',
      response: { decision: 'REJECTED', rejectReason: 'AMOUNT_TOO_LOW', byPreApproval: false },
    });
    // the hub has routed whatever the adapter sent by now; nothing confirmed the arrangement
    await dossierWhen(dossier.caseReference, (d) => d.state === 'REJECTED', 'still rejected');
    expect(
      bsnCreditor
        .ofType('ArrangementAgreed')
        .filter((r) => r.message.header.conversationId === ids[bsnCreditor.oin]),
    ).toHaveLength(0);
    expect(
      privateCreditor
        .ofType('ArrangementAgreed')
        .filter((r) => r.message.header.conversationId === ids[privateCreditor.oin]),
    ).toHaveLength(0);
  });

  it('answers a StatusRequest in a Kennisgeving conversation with a ProgressUpdate; answering by hand sends nothing new', async () => {
    const caseReference = `SHV-${freshId()}`;
    const { debtor } = aDossier([]);
    const today = new Date().toISOString().slice(0, 10);
    const sent = await api('POST', '/kennisgevingen', {
      caseReference,
      debtor,
      admissionDate: today,
      pause: { start: today },
      creditors: [{ oin: privateCreditor.oin }],
    });
    expect(sent.status).toBe(202);
    const kennisgevingId: string = sent.json.messages[0].messageId;
    const kennisgeving = await received(privateCreditor, 'Kennisgeving', kennisgevingId);
    const statusRequestId = await reply(privateCreditor, kennisgeving, 'StatusRequest', {}, undefined);
    const progress = await received(privateCreditor, 'ProgressUpdate', kennisgevingId);
    expect(progress.body).toEqual({ status: 'STABILISATION_STARTED' });
    const open = await api('GET', '/status-requests');
    expect(open.json.map((r: Json) => r.messageId)).not.toContain(statusRequestId);
    const byHand = await api('POST', `/status-requests/${statusRequestId}/answer`, {});
    expect(byHand.status).toBe(202);
    expect(byHand.json).toMatchObject({
      conversationType: 'Kennisgeving',
      answerId: progress.header.messageId,
    });
    expect(
      privateCreditor
        .ofType('ProgressUpdate')
        .filter((r) => r.message.header.conversationId === kennisgevingId),
    ).toHaveLength(1);
    expect((await api('POST', `/status-requests/${freshUuid()}/answer`, {})).status).toBe(404);
  });
});
