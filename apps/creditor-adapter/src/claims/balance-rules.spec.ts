import { claimMatches, debtorKeysOf, preApprovalGap, statementFrom } from './balance-rules';
import type { ClaimRow } from './claims-csv';

const request = {
  debtor: {
    bsn: '111222333',
    surname: 'Berg',
    surnamePrefix: 'van der',
    birthDate: '1980-02-29',
    address: { postcode: '1234 ab' },
  },
  creditorCustomerNumber: ' K-77 ',
};

const claim = (overrides: Partial<ClaimRow> = {}): ClaimRow => ({
  reference: 'F-1',
  kind: 'ZORG',
  originalAmountCents: 10_000,
  outstandingAmountCents: 8_000,
  customerNumber: null,
  bsn: null,
  surnameKey: null,
  birthDate: null,
  postcode: null,
  since: null,
  ...overrides,
});

describe('debtorKeysOf', () => {
  it('normalises every key and drops the BSN when the creditor may not process it', () => {
    expect(debtorKeysOf(request, true)).toEqual({
      bsn: '111222333',
      customerNumber: 'K-77',
      surnameKeys: ['berg', 'van der berg'],
      birthDate: '1980-02-29',
      postcode: '1234AB',
    });
    expect(debtorKeysOf(request, false).bsn).toBeNull();
  });
});

describe('claimMatches', () => {
  const keys = debtorKeysOf(request, true);
  it.each([
    ['by BSN', claim({ bsn: '111222333' }), true],
    ['by customer number', claim({ customerNumber: 'K-77' }), true],
    [
      'by surname, birth date and postcode',
      claim({ surnameKey: 'berg', birthDate: '1980-02-29', postcode: '1234AB' }),
      true,
    ],
    [
      'by the full surname',
      claim({ surnameKey: 'van der berg', birthDate: '1980-02-29', postcode: '1234AB' }),
      true,
    ],
    ['not on another BSN', claim({ bsn: '123456782' }), false],
    [
      'not on a wrong birth date',
      claim({ surnameKey: 'berg', birthDate: '1980-03-01', postcode: '1234AB' }),
      false,
    ],
    ['not on a surname alone', claim({ surnameKey: 'berg' }), false],
  ])('matches %s: %s', (_name, row, expected) => expect(claimMatches(row, keys)).toBe(expected));

  it('never matches on a BSN the creditor may not process', () => {
    expect(claimMatches(claim({ bsn: '111222333' }), debtorKeysOf(request, false))).toBe(false);
  });
});

describe('statementFrom', () => {
  const claims = [
    claim({ reference: 'F-2', kind: 'NUTS', outstandingAmountCents: 1_234, since: '2025-01-01' }),
    claim({ reference: 'F-1', outstandingAmountCents: 8_000 }),
    claim({ reference: 'F-0', outstandingAmountCents: 0 }),
  ];

  it('states the open claims with their sum, and pre-approves a collective request', () => {
    expect(statementFrom(claims, { collective: true }, true)).toEqual({
      known: true,
      claims: [
        { reference: 'F-1', kind: 'ZORG', originalAmountCents: 10_000, outstandingAmountCents: 8_000 },
        {
          reference: 'F-2',
          kind: 'NUTS',
          originalAmountCents: 10_000,
          outstandingAmountCents: 1_234,
          since: '2025-01-01',
        },
      ],
      totalOutstandingCents: 9_234,
      preApproval: true,
    });
  });

  it('gives no pre-approval to a request that is not collective, or as a creditor that is not', () => {
    expect(statementFrom(claims, { collective: false }, true).preApproval).toBeUndefined();
    expect(statementFrom(claims, { collective: true }, false).preApproval).toBeUndefined();
  });

  it('says the debtor is unknown when no claim is open', () => {
    expect(statementFrom([claim({ outstandingAmountCents: 0 })], { collective: true }, true)).toEqual({
      known: false,
      claims: [],
      totalOutstandingCents: 0,
    });
  });
});

describe('preApprovalGap', () => {
  const stated = { preApproval: true, totalOutstandingCents: 9_234 };
  it('accepts a proposal on the stated balance within the term', () => {
    expect(preApprovalGap(stated, { creditorTotalCents: 9_234, termMonths: 18 }, 18)).toBeNull();
  });
  it.each([
    [
      'without pre-approval',
      { ...stated, preApproval: undefined },
      { creditorTotalCents: 9_234, termMonths: 18 },
      /no pre-approval/,
    ],
    ['on another balance', stated, { creditorTotalCents: 9_000, termMonths: 18 }, /stated balance/],
    ['with a longer term', stated, { creditorTotalCents: 9_234, termMonths: 19 }, /longer than 18/],
  ])('leaves a proposal %s to a person', (_name, statement, proposal, reason) => {
    expect(preApprovalGap(statement, proposal, 18)).toMatch(reason);
  });
});
