import {
  ArrangementAgreedBodyDto,
  ArrangementEndedBodyDto,
  BalanceRequestBodyDto,
  BalanceStatementBodyDto,
  PaymentProposalBodyDto,
  ProposalResponseBodyDto,
  StatusRequestBodyDto,
} from './collective-bodies.dto';
import { validateAgainst } from './validate-object';
import { aKennisgevingBody } from '../../../../test/factories/messages.factory';

type Json = Record<string, any>;

const rulesOf = (cls: new () => object, body: Json): string[] =>
  validateAgainst(cls, body, 'body').map((v) => `${v.path}:${v.rule}`);

const balanceRequest = (): Json => {
  const kennisgeving = aKennisgevingBody();
  return {
    variant: kennisgeving.variant,
    debtor: kennisgeving.debtor,
    municipality: kennisgeving.municipality,
    counsellor: kennisgeving.counsellor,
    caseReference: 'SR-2026-001',
    collective: true,
  };
};

const claim = (outstanding: number, reference = 'F-1'): Json => ({
  reference,
  kind: 'ZORG',
  originalAmountCents: outstanding + 1000,
  outstandingAmountCents: outstanding,
});

const statement = (): Json => ({
  known: true,
  claims: [claim(12_000, 'F-1'), claim(3_456, 'F-2')],
  totalOutstandingCents: 15_456,
  preApproval: true,
});

const proposal = (): Json => ({
  arrangementType: 'SCHULDBEMIDDELING',
  payoutPercentage: '45.67',
  creditorTotalCents: 123_456,
  offeredAmountCents: 56_382,
  totalDebtCents: 500_000,
  termMonths: 18,
  startDate: '2027-01-01',
});

describe('BalanceRequest body', () => {
  it('accepts a complete request, with or without the Kennisgeving it follows', () => {
    expect(rulesOf(BalanceRequestBodyDto, balanceRequest())).toEqual([]);
    expect(
      rulesOf(BalanceRequestBodyDto, {
        ...balanceRequest(),
        kennisgevingId: '6f1c1f4e-8b7a-4c2d-9e3f-0a1b2c3d4e5f',
        invoiceNumbers: ['2026-0001'],
        creditorCustomerNumber: 'K-77',
      }),
    ).toEqual([]);
  });

  it.each<[string, (b: Json) => void, string]>([
    ['collective missing', (b) => delete b.collective, 'body.collective:required'],
    ['collective not a boolean', (b) => (b.collective = 'true'), 'body.collective:boolean'],
    ['kennisgevingId not a UUID', (b) => (b.kennisgevingId = 'x'), 'body.kennisgevingId:uuid'],
    ['caseReference blank', (b) => (b.caseReference = ' '), 'body.caseReference:not-blank'],
    ['unknown field', (b) => (b.amount = 1), 'body.amount:unknown-field'],
    ['bad BSN', (b) => (b.debtor.bsn = '123456789'), 'body.debtor.bsn:bsn-11-proef'],
  ])('refuses %s', (_name, change, expected) => {
    const body = balanceRequest();
    change(body);
    expect(rulesOf(BalanceRequestBodyDto, body)).toContain(expected);
  });
});

describe('BalanceStatement body', () => {
  it('accepts a known debtor with claims that add up, and an unknown debtor with none', () => {
    expect(rulesOf(BalanceStatementBodyDto, statement())).toEqual([]);
    expect(rulesOf(BalanceStatementBodyDto, { known: false, claims: [], totalOutstandingCents: 0 })).toEqual(
      [],
    );
  });

  it('accepts a claim of 0 cents outstanding and the optional claim fields', () => {
    const body = {
      known: true,
      claims: [{ ...claim(0), costsCents: 500, interestCents: 12, since: '2025-03-01' }],
      totalOutstandingCents: 0,
    };
    expect(rulesOf(BalanceStatementBodyDto, body)).toEqual([]);
  });

  it.each<[string, (b: Json) => void, string]>([
    [
      'a total that is not the sum',
      (b) => (b.totalOutstandingCents = 15_457),
      'body.totalOutstandingCents:sum-of-claims',
    ],
    ['claims while unknown', (b) => (b.known = false), 'body.claims:claims-empty-when-unknown'],
    [
      'no claims while known',
      (b) => ((b.claims = []), (b.totalOutstandingCents = 0)),
      'body.claims:claims-required-when-known',
    ],
    [
      'a negative amount',
      (b) => (b.claims[0].outstandingAmountCents = -1),
      'body.claims.0.outstandingAmountCents:minimum-0',
    ],
    [
      'a fractional amount',
      (b) => (b.claims[1].originalAmountCents = 10.5),
      'body.claims.1.originalAmountCents:integer',
    ],
    ['an unknown kind', (b) => (b.claims[0].kind = 'BELASTING'), 'body.claims.0.kind:one-of'],
    ['claims not an array', (b) => (b.claims = {}), 'body.claims:array'],
    ['a claim that is not an object', (b) => (b.claims = [1]), 'body.claims:objects'],
    ['preApproval not a boolean', (b) => (b.preApproval = 'yes'), 'body.preApproval:boolean'],
    ['known missing', (b) => delete b.known, 'body.known:required'],
    ['an unknown claim field', (b) => (b.claims[0].iban = 'NL00'), 'body.claims.0.iban:unknown-field'],
  ])('refuses %s', (_name, change, expected) => {
    const body = statement();
    change(body);
    expect(rulesOf(BalanceStatementBodyDto, body)).toContain(expected);
  });
});

describe('PaymentProposal body', () => {
  it('accepts an offer that follows from the percentage', () => {
    expect(rulesOf(PaymentProposalBodyDto, proposal())).toEqual([]);
    expect(
      rulesOf(PaymentProposalBodyDto, {
        ...proposal(),
        payoutPercentage: '0.00',
        offeredAmountCents: 0,
        note: 'x',
      }),
    ).toEqual([]);
    expect(
      rulesOf(PaymentProposalBodyDto, {
        ...proposal(),
        payoutPercentage: '100.00',
        offeredAmountCents: 123_456,
      }),
    ).toEqual([]);
    expect(
      rulesOf(PaymentProposalBodyDto, {
        ...proposal(),
        creditorTotalCents: 1,
        totalDebtCents: 1,
        payoutPercentage: '50.00',
        offeredAmountCents: 1,
      }),
    ).toEqual([]);
  });

  it.each<[string, (b: Json) => void, string]>([
    [
      'an offer one cent off',
      (b) => (b.offeredAmountCents = 56_381),
      'body.offeredAmountCents:offered-follows-percentage',
    ],
    ['one decimal', (b) => (b.payoutPercentage = '45.6'), 'body.payoutPercentage:payout-percentage'],
    ['over 100 %', (b) => (b.payoutPercentage = '100.01'), 'body.payoutPercentage:payout-percentage'],
    [
      'a number for the percentage',
      (b) => (b.payoutPercentage = 45.67),
      'body.payoutPercentage:payout-percentage',
    ],
    ['term 0', (b) => (b.termMonths = 0), 'body.termMonths:minimum-1'],
    ['term 37', (b) => (b.termMonths = 37), 'body.termMonths:maximum-36'],
    [
      'more than the total debt',
      (b) => (b.totalDebtCents = 100),
      'body.creditorTotalCents:at-most-total-debt',
    ],
    ['an unknown arrangement', (b) => (b.arrangementType = 'WSNP'), 'body.arrangementType:one-of'],
    ['a bad start date', (b) => (b.startDate = '2027-02-30'), 'body.startDate:iso-date'],
  ])('refuses %s', (_name, change, expected) => {
    const body = proposal();
    change(body);
    expect(rulesOf(PaymentProposalBodyDto, body)).toContain(expected);
  });
});

describe('ProposalResponse body', () => {
  it('accepts an acceptance and a rejection with its reason', () => {
    expect(rulesOf(ProposalResponseBodyDto, { decision: 'ACCEPTED', byPreApproval: true })).toEqual([]);
    expect(
      rulesOf(ProposalResponseBodyDto, {
        decision: 'REJECTED',
        rejectReason: 'AMOUNT_TOO_LOW',
        byPreApproval: false,
      }),
    ).toEqual([]);
  });

  it.each<[string, Json, string]>([
    [
      'a rejection without reason',
      { decision: 'REJECTED', byPreApproval: false },
      'body.rejectReason:required-iff-REJECTED',
    ],
    [
      'a reason with an acceptance',
      { decision: 'ACCEPTED', rejectReason: 'OTHER', byPreApproval: false },
      'body.rejectReason:forbidden-unless-REJECTED',
    ],
    ['an unknown decision', { decision: 'MAYBE', byPreApproval: false }, 'body.decision:one-of'],
    ['byPreApproval missing', { decision: 'ACCEPTED' }, 'body.byPreApproval:required'],
    [
      'a rejection by pre-approval',
      { decision: 'REJECTED', rejectReason: 'OTHER', byPreApproval: true },
      'body.byPreApproval:pre-approval-only-when-ACCEPTED',
    ],
    [
      'an unknown reason',
      { decision: 'REJECTED', rejectReason: 'TOO_LATE', byPreApproval: false },
      'body.rejectReason:one-of',
    ],
  ])('refuses %s', (_name, body, expected) => {
    expect(rulesOf(ProposalResponseBodyDto, body)).toContain(expected);
  });
});

describe('ArrangementAgreed, ArrangementEnded and StatusRequest bodies', () => {
  const agreed = (): Json => ({
    arrangementType: 'SANERINGSKREDIET',
    payoutPercentage: '45.67',
    offeredAmountCents: 56_382,
    paymentReference: 'SK-2026-001',
    startDate: '2027-01-01',
    endDate: '2028-07-01',
  });

  it('accepts complete bodies', () => {
    expect(rulesOf(ArrangementAgreedBodyDto, agreed())).toEqual([]);
    expect(rulesOf(ArrangementEndedBodyDto, { reason: 'COMPLETED', paidAmountCents: 56_382 })).toEqual([]);
    expect(rulesOf(StatusRequestBodyDto, {})).toEqual([]);
    expect(rulesOf(StatusRequestBodyDto, { question: 'Hoe staat het ervoor?' })).toEqual([]);
  });

  it('refuses an end before the start, an unknown end reason, a long question', () => {
    expect(rulesOf(ArrangementAgreedBodyDto, { ...agreed(), endDate: '2027-01-01' })).toContain(
      'body.endDate:after-start-date',
    );
    expect(rulesOf(ArrangementAgreedBodyDto, { ...agreed(), paymentReference: undefined })).toContain(
      'body.paymentReference:required',
    );
    expect(rulesOf(ArrangementEndedBodyDto, { reason: 'ARRANGEMENT_REACHED' })).toContain(
      'body.reason:one-of',
    );
    expect(rulesOf(ArrangementEndedBodyDto, { reason: 'FAILED', paidAmountCents: -5 })).toContain(
      'body.paidAmountCents:minimum-0',
    );
    expect(rulesOf(StatusRequestBodyDto, { question: 'x'.repeat(501) })).toContain(
      'body.question:max-length-500',
    );
  });
});
