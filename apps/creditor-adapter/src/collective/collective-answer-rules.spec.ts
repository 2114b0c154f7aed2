import type { BalanceStatementBody, PaymentProposalBody } from '@skp/messages';
import {
  automaticProposalAnswer,
  manualProposalResponse,
  proposalResponseViolations,
  statementViolations,
} from './collective-answer-rules';

const rules = (found: { field: string; rule: string }[]) => found.map((v) => `${v.field}:${v.rule}`);

const claim = { reference: 'F-1', kind: 'ZORG', originalAmountCents: 10_000, outstandingAmountCents: 8_000 };

describe('balance statement by hand', () => {
  it('takes a statement that adds up, and known: false without claims', () => {
    const body = { known: true, claims: [claim], totalOutstandingCents: 8_000, preApproval: true };
    expect(rules(statementViolations(body, { collective: true }))).toEqual([]);
    expect(
      rules(
        statementViolations({ known: false, claims: [], totalOutstandingCents: 0 }, { collective: false }),
      ),
    ).toEqual([]);
  });

  it("names the message's own rules: the sum, claims iff known, kinds, unknown fields", () => {
    expect(
      rules(
        statementViolations(
          { known: true, claims: [claim], totalOutstandingCents: 7_999 },
          { collective: false },
        ),
      ),
    ).toEqual(['totalOutstandingCents:sum-of-claims']);
    expect(
      rules(
        statementViolations(
          { known: false, claims: [claim], totalOutstandingCents: 8_000 },
          { collective: false },
        ),
      ),
    ).toEqual(['claims:claims-empty-when-unknown']);
    expect(
      rules(
        statementViolations(
          { known: true, claims: [{ ...claim, kind: 'HUUR' }], totalOutstandingCents: 8_000, colour: 'red' },
          { collective: false },
        ),
      ),
    ).toEqual(expect.arrayContaining(['claims[0].kind:one-of', 'colour:unknown-field']));
    expect(rules(statementViolations({}, { collective: false }))).toEqual(
      expect.arrayContaining(['known:required', 'claims:required', 'totalOutstandingCents:required']),
    );
  });

  it('gives pre-approval only to a collective request', () => {
    const body = { known: true, claims: [claim], totalOutstandingCents: 8_000, preApproval: false };
    expect(rules(statementViolations(body, { collective: false }))).toEqual([
      'preApproval:only-when-collective',
    ]);
  });
});

describe('proposal response by hand', () => {
  it('defaults byPreApproval to false and keeps only given fields', () => {
    expect(
      manualProposalResponse({ decision: 'ACCEPTED', byPreApproval: undefined, note: undefined }),
    ).toEqual({
      decision: 'ACCEPTED',
      byPreApproval: false,
    });
  });

  it('needs a reason to reject, and is never by pre-approval', () => {
    expect(rules(proposalResponseViolations(manualProposalResponse({ decision: 'REJECTED' })))).toEqual([
      'rejectReason:required-iff-REJECTED',
    ]);
    expect(
      rules(
        proposalResponseViolations(
          manualProposalResponse({ decision: 'REJECTED', rejectReason: 'AMOUNT_TOO_LOW' }),
        ),
      ),
    ).toEqual([]);
    expect(
      rules(
        proposalResponseViolations(manualProposalResponse({ decision: 'ACCEPTED', byPreApproval: true })),
      ),
    ).toEqual(['byPreApproval:false-when-by-hand']);
    expect(rules(proposalResponseViolations(manualProposalResponse({ decision: 'MAYBE' })))).toEqual([
      'decision:one-of',
    ]);
  });
});

describe('automatic proposal answer', () => {
  const statement: BalanceStatementBody = {
    known: true,
    claims: [{ ...claim, kind: 'ZORG' }],
    totalOutstandingCents: 8_000,
    preApproval: true,
  };
  const proposal: PaymentProposalBody = {
    arrangementType: 'SCHULDBEMIDDELING',
    payoutPercentage: '40.00',
    creditorTotalCents: 8_000,
    offeredAmountCents: 3_200,
    totalDebtCents: 50_000,
    termMonths: 18,
    startDate: '2026-01-01',
  };

  it('accepts by pre-approval what follows the statement this adapter sent', () => {
    const outcome = automaticProposalAnswer(statement, proposal, 18);
    expect(outcome).toEqual({ accept: true, response: { decision: 'ACCEPTED', byPreApproval: true } });
    if (outcome.accept) {
      expect(proposalResponseViolations({ ...outcome.response, byPreApproval: false })).toEqual([]);
    }
  });

  it.each([
    ['without a statement of this adapter', null, proposal, /no balance statement/],
    ['without pre-approval', { ...statement, preApproval: undefined }, proposal, /no pre-approval/],
    ['on another balance', statement, { ...proposal, creditorTotalCents: 7_000 }, /stated balance/],
    ['over the maximum term', statement, { ...proposal, termMonths: 24 }, /longer than 18/],
  ])('leaves a proposal %s to a person', (_name, stated, offered, reason) => {
    const outcome = automaticProposalAnswer(stated, offered, 18);
    expect(outcome.accept).toBe(false);
    expect(outcome.accept ? '' : outcome.reason).toMatch(reason);
  });
});
