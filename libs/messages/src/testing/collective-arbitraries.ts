import fc from 'fast-check';
import { addCalendarMonths } from '../domain/dates';
import { offeredAmountCents, percentageOf } from '../domain/payout';
import {
  ARRANGEMENT_END_REASONS,
  ARRANGEMENT_TYPES,
  CLAIM_KINDS,
  PROPOSAL_REJECT_REASONS,
  type ArrangementAgreedBody,
  type ArrangementEndedBody,
  type BalanceRequestBody,
  type BalanceStatementBody,
  type Claim,
  type MessageType,
  type PaymentProposalBody,
  type ProposalResponseBody,
  type StatusRequestBody,
} from '../types';
import {
  caseArb,
  contactArb,
  identifierArb,
  isoDateArb,
  noteArb,
  textArb,
  uuidArb,
  variantArb,
} from './arbitrary-parts';

/**
 * Valid bodies of Collectief Schuldregelen (DESIGN §9), with consistent amounts: a statement's
 * total is the sum of its claims (none when the debtor is unknown), a proposal's offer follows
 * from its percentage (domain/payout). Amounts stay small enough that sums remain safe integers.
 */

const MAX_CLAIM_CENTS = 10 ** 12;
const centsArb = (max = MAX_CLAIM_CENTS): fc.Arbitrary<number> => fc.integer({ min: 0, max });
const payoutPercentageArb = fc.integer({ min: 0, max: 10_000 }).map(percentageOf);

export const balanceRequestBodyArb: fc.Arbitrary<BalanceRequestBody> = variantArb.chain((variant) =>
  fc
    .tuple(
      caseArb(variant),
      fc.record(
        { collective: fc.boolean(), kennisgevingId: uuidArb },
        { requiredKeys: ['collective'], noNullPrototype: true },
      ),
    )
    .map(([parts, rest]) => ({ ...parts, ...rest })),
);

export const claimArb: fc.Arbitrary<Claim> = fc.record(
  {
    reference: identifierArb,
    kind: fc.constantFrom(...CLAIM_KINDS),
    originalAmountCents: centsArb(),
    outstandingAmountCents: centsArb(),
    costsCents: centsArb(),
    interestCents: centsArb(),
    since: isoDateArb,
  },
  {
    requiredKeys: ['reference', 'kind', 'originalAmountCents', 'outstandingAmountCents'],
    noNullPrototype: true,
  },
);

export const balanceStatementBodyArb: fc.Arbitrary<BalanceStatementBody> = fc
  .tuple(
    fc.oneof(fc.constant([] as Claim[]), fc.array(claimArb, { minLength: 1, maxLength: 4 })),
    fc.record(
      { preApproval: fc.boolean(), paymentReference: identifierArb, contact: contactArb, note: noteArb },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .map(([claims, rest]) => ({
    known: claims.length > 0,
    claims,
    totalOutstandingCents: claims.reduce((sum, claim) => sum + claim.outstandingAmountCents, 0),
    ...rest,
  }));

export const paymentProposalBodyArb: fc.Arbitrary<PaymentProposalBody> = fc
  .record(
    {
      arrangementType: fc.constantFrom(...ARRANGEMENT_TYPES),
      payoutPercentage: payoutPercentageArb,
      creditorTotalCents: centsArb(),
      otherCreditorsCents: centsArb(),
      termMonths: fc.integer({ min: 1, max: 36 }),
      startDate: isoDateArb,
      note: noteArb,
    },
    {
      requiredKeys: [
        'arrangementType',
        'payoutPercentage',
        'creditorTotalCents',
        'otherCreditorsCents',
        'termMonths',
        'startDate',
      ],
      noNullPrototype: true,
    },
  )
  .map(({ otherCreditorsCents, ...body }) => ({
    ...body,
    offeredAmountCents: offeredAmountCents(body.creditorTotalCents, body.payoutPercentage),
    totalDebtCents: body.creditorTotalCents + otherCreditorsCents,
  }));

export const proposalResponseBodyArb: fc.Arbitrary<ProposalResponseBody> = fc
  .tuple(
    fc.oneof(
      fc.boolean().map((byPreApproval) => ({ decision: 'ACCEPTED' as const, byPreApproval })),
      fc
        .constantFrom(...PROPOSAL_REJECT_REASONS)
        .map((rejectReason) => ({ decision: 'REJECTED' as const, rejectReason, byPreApproval: false })),
    ),
    fc.record({ note: noteArb }, { requiredKeys: [], noNullPrototype: true }),
  )
  .map(([decision, rest]) => ({ ...decision, ...rest }));

export const arrangementAgreedBodyArb: fc.Arbitrary<ArrangementAgreedBody> = fc
  .record(
    {
      arrangementType: fc.constantFrom(...ARRANGEMENT_TYPES),
      payoutPercentage: payoutPercentageArb,
      offeredAmountCents: centsArb(),
      paymentReference: identifierArb,
      startDate: isoDateArb,
      termMonths: fc.integer({ min: 1, max: 36 }),
    },
    { noNullPrototype: true },
  )
  .map(({ termMonths, ...body }) => ({ ...body, endDate: addCalendarMonths(body.startDate, termMonths) }));

export const arrangementEndedBodyArb: fc.Arbitrary<ArrangementEndedBody> = fc.record(
  { reason: fc.constantFrom(...ARRANGEMENT_END_REASONS), paidAmountCents: centsArb(), note: noteArb },
  { requiredKeys: ['reason'], noNullPrototype: true },
);

export const statusRequestBodyArb: fc.Arbitrary<StatusRequestBody> = fc.record(
  { question: textArb(500, true) },
  { requiredKeys: [], noNullPrototype: true },
);

/** Each Collectief Schuldregelen type with its body arbitrary, for validMessageArb. */
export const COLLECTIVE_BODY_ARBS: readonly (readonly [MessageType, fc.Arbitrary<unknown>])[] = [
  ['BalanceRequest', balanceRequestBodyArb],
  ['BalanceStatement', balanceStatementBodyArb],
  ['PaymentProposal', paymentProposalBodyArb],
  ['ProposalResponse', proposalResponseBodyArb],
  ['ArrangementAgreed', arrangementAgreedBodyArb],
  ['ArrangementEnded', arrangementEndedBodyArb],
  ['StatusRequest', statusRequestBodyArb],
];
