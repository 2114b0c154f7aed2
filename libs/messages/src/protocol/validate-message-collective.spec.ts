import {
  anUnsignedArrangementAgreed,
  anUnsignedArrangementEnded,
  anUnsignedBalanceRequest,
  anUnsignedBalanceStatement,
  anUnsignedPaymentProposal,
  anUnsignedProposalResponse,
  anUnsignedStatusRequest,
} from '../../../../test/factories/messages.factory';
import { validateMessage, validateUnsigned } from './validate-message';
import { Violation } from '../validation/violation';

/** validateMessage on the seven Collectief Schuldregelen types (DESIGN §9): header rules from the table, bodies. */

type Json = Record<string, any>;

const signed = (m: object): Json => ({ ...structuredClone(m), signature: 'eyJhbGciOiJSUzI1NiJ9..c2ln' });
const rules = (violations: Violation[]): string[] => violations.map((v) => `${v.path}:${v.rule}`);
const partner = { givenNames: 'Els', surname: 'Vries', birthDate: '1982-01-01' };

describe('validateMessage: Collectief Schuldregelen messages', () => {
  it.each([
    ['BalanceRequest PUBLIC', () => anUnsignedBalanceRequest()],
    ['BalanceRequest PRIVATE', () => anUnsignedBalanceRequest({ variant: 'PRIVATE' })],
    [
      'BalanceRequest PUBLIC with partner BSN, not collective, after a Kennisgeving',
      () =>
        anUnsignedBalanceRequest({
          body: {
            partner: { ...partner, bsn: '123456782' },
            collective: false,
            kennisgevingId: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b01',
            creditorCustomerNumber: 'K-1',
            invoiceNumbers: ['F-1'],
          },
        }),
    ],
    ['BalanceStatement known', () => anUnsignedBalanceStatement()],
    ['BalanceStatement unknown', () => anUnsignedBalanceStatement({ body: { known: false } })],
    ['PaymentProposal', () => anUnsignedPaymentProposal()],
    ['PaymentProposal 0.00%', () => anUnsignedPaymentProposal({ body: { payoutPercentage: '0.00' } })],
    ['ProposalResponse ACCEPTED', () => anUnsignedProposalResponse()],
    ['ProposalResponse REJECTED', () => anUnsignedProposalResponse({ body: { decision: 'REJECTED' } })],
    ['ArrangementAgreed', () => anUnsignedArrangementAgreed()],
    ['ArrangementEnded', () => anUnsignedArrangementEnded({ body: { paidAmountCents: 0, note: 'klaar' } })],
    ['StatusRequest', () => anUnsignedStatusRequest()],
    ['StatusRequest without a question', () => anUnsignedStatusRequest({ body: { question: undefined } })],
  ])('accepts a %s', (_name, make) => {
    const message = JSON.parse(JSON.stringify(make())) as Json;
    expect(validateUnsigned(message)).toEqual([]);
    expect(validateMessage(signed(message))).toEqual([]);
  });
});

describe('validateMessage: Collectief Schuldregelen header rules (from the protocol table)', () => {
  it('requires conversationId = messageId for a BalanceRequest', () => {
    const m = signed(anUnsignedBalanceRequest());
    m.header.conversationId = anUnsignedBalanceRequest().header.messageId;
    expect(rules(validateMessage(m))).toEqual(['header.conversationId:conversation-is-message-id']);
  });

  it('does not tie conversationId to messageId for the messages inside the conversation', () => {
    const m = signed(anUnsignedArrangementAgreed());
    expect(m.header.conversationId).not.toBe(m.header.messageId);
    expect(validateMessage(m)).toEqual([]);
  });

  it.each([
    ['BalanceStatement', () => anUnsignedBalanceStatement()],
    ['PaymentProposal', () => anUnsignedPaymentProposal()],
    ['ProposalResponse', () => anUnsignedProposalResponse()],
  ])('requires inReplyTo for a %s', (_type, make) => {
    const m = signed(make());
    delete m.header.inReplyTo;
    expect(rules(validateMessage(m))).toEqual(['header.inReplyTo:required-for-type']);
  });

  it.each([
    ['BalanceRequest', () => anUnsignedBalanceRequest()],
    ['ArrangementAgreed', () => anUnsignedArrangementAgreed()],
    ['ArrangementEnded', () => anUnsignedArrangementEnded()],
    ['StatusRequest', () => anUnsignedStatusRequest()],
  ])('does not require inReplyTo for a %s', (_type, make) => {
    const m = signed(make());
    expect(m.header.inReplyTo).toBeUndefined();
    expect(validateMessage(m)).toEqual([]);
  });
});

describe('validateMessage: the BSN in a BalanceRequest (PUBLIC/PRIVATE as for a Kennisgeving)', () => {
  it('requires a BSN in a PUBLIC BalanceRequest', () => {
    const m = signed(anUnsignedBalanceRequest());
    delete m.body.debtor.bsn;
    expect(rules(validateMessage(m))).toEqual(['body.debtor.bsn:required-iff-PUBLIC']);
  });

  it('rejects a PRIVATE BalanceRequest whose debtor carries a BSN', () => {
    const m = signed(anUnsignedBalanceRequest({ variant: 'PRIVATE' }));
    m.body.debtor.bsn = '111222333';
    expect(rules(validateMessage(m))).toEqual(['body.debtor.bsn:bsn-forbidden-in-PRIVATE']);
  });

  it('rejects a PRIVATE BalanceRequest whose partner carries a BSN', () => {
    const m = signed(anUnsignedBalanceRequest({ variant: 'PRIVATE', body: { partner } }));
    expect(validateMessage(m)).toEqual([]);
    m.body.partner.bsn = '123456782';
    expect(rules(validateMessage(m))).toEqual(['body.partner.bsn:bsn-forbidden-in-PRIVATE']);
  });

  it('checks the BSN of a BalanceRequest with the 11-proef', () => {
    const m = signed(anUnsignedBalanceRequest());
    m.body.debtor.bsn = '123456781';
    expect(rules(validateMessage(m))).toEqual(['body.debtor.bsn:bsn-11-proef']);
  });

  it('knows no debtor in the other bodies: a debtor there is an unknown field, not a PUBLIC/PRIVATE question', () => {
    const m = signed(anUnsignedBalanceStatement());
    m.body.debtor = { bsn: '111222333' };
    expect(rules(validateMessage(m))).toEqual(['body.debtor:unknown-field']);
  });
});

describe('validateMessage: Collectief Schuldregelen bodies', () => {
  it('BalanceStatement: claims empty iff unknown, total = sum of the claims', () => {
    const unknownWithClaims = signed(anUnsignedBalanceStatement());
    unknownWithClaims.body.known = false;
    expect(rules(validateMessage(unknownWithClaims))).toEqual(['body.claims:claims-empty-when-unknown']);
    const knownWithout = signed(anUnsignedBalanceStatement({ body: { known: false } }));
    knownWithout.body.known = true;
    expect(rules(validateMessage(knownWithout))).toEqual(['body.claims:claims-required-when-known']);
    const wrongSum = signed(anUnsignedBalanceStatement());
    wrongSum.body.totalOutstandingCents += 1;
    expect(rules(validateMessage(wrongSum))).toEqual(['body.totalOutstandingCents:sum-of-claims']);
    const badClaim = signed(anUnsignedBalanceStatement());
    badClaim.body.claims[0].kind = 'HUUR';
    expect(rules(validateMessage(badClaim))).toEqual(['body.claims.0.kind:one-of']);
  });

  it('PaymentProposal: the offer follows from the percentage, the percentage has two decimals', () => {
    const m = signed(anUnsignedPaymentProposal());
    m.body.offeredAmountCents += 1;
    expect(rules(validateMessage(m))).toEqual(['body.offeredAmountCents:offered-follows-percentage']);
    const pct = signed(anUnsignedPaymentProposal());
    pct.body.payoutPercentage = '45.6';
    expect(rules(validateMessage(pct))).toEqual(['body.payoutPercentage:payout-percentage']);
    const term = signed(anUnsignedPaymentProposal());
    term.body.termMonths = 37;
    expect(rules(validateMessage(term))).toEqual(['body.termMonths:maximum-36']);
  });

  it('ProposalResponse: rejectReason iff REJECTED, byPreApproval a boolean and only for an acceptance', () => {
    const accepted = signed(anUnsignedProposalResponse({ body: { rejectReason: 'OTHER' } }));
    expect(rules(validateMessage(accepted))).toEqual(['body.rejectReason:forbidden-unless-REJECTED']);
    const rejected = signed(anUnsignedProposalResponse({ body: { decision: 'REJECTED' } }));
    delete rejected.body.rejectReason;
    rejected.body.byPreApproval = 'false';
    expect(rules(validateMessage(rejected))).toEqual([
      'body.rejectReason:required-iff-REJECTED',
      'body.byPreApproval:boolean',
    ]);
    const automaticRejection = signed(anUnsignedProposalResponse({ body: { decision: 'REJECTED' } }));
    automaticRejection.body.byPreApproval = true;
    expect(rules(validateMessage(automaticRejection))).toEqual([
      'body.byPreApproval:pre-approval-only-when-ACCEPTED',
    ]);
  });

  it('ArrangementAgreed, ArrangementEnded, StatusRequest: their own rules', () => {
    const agreed = signed(anUnsignedArrangementAgreed());
    agreed.body.endDate = agreed.body.startDate;
    expect(rules(validateMessage(agreed))).toEqual(['body.endDate:after-start-date']);
    const ended = signed(anUnsignedArrangementEnded({ body: { reason: 'DONE' as never } }));
    expect(rules(validateMessage(ended))).toEqual(['body.reason:one-of']);
    const status = signed(anUnsignedStatusRequest({ body: { question: 'x'.repeat(501) } }));
    expect(rules(validateMessage(status))).toEqual(['body.question:max-length-500']);
  });
});
