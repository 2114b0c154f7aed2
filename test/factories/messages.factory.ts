import {
  addCalendarMonths,
  buildHeader,
  newMessageId,
  defaultPauseEnd,
  offeredAmountCents,
  type ArrangementAgreedBody,
  type ArrangementEndedBody,
  type BalanceRequestBody,
  type BalanceStatementBody,
  type DeliveryReceiptBody,
  type KennisgevingBody,
  type MessageHeader,
  type MessageType,
  type PauseAcknowledgementBody,
  type PaymentProposalBody,
  type ProgressUpdateBody,
  type ProposalResponseBody,
  type StatusRequestBody,
  type UnsignedMessage,
  type Variant,
} from '@skp/messages';

/** Test-data factories: valid unsigned messages with fresh ids; override any part. */

export const TEST_MUNICIPALITY_OIN = '00000001002220647000'; // Gemeente Utrecht
export const TEST_CREDITOR_OIN = '00000003123456780000';

const today = (): string => new Date().toISOString().slice(0, 10);

let caseCounter = 0;

/** A valid PUBLIC Kennisgeving body (BSN 111222333); `variant: 'PRIVATE'` drops the BSN. */
export function aKennisgevingBody(overrides: Partial<KennisgevingBody> = {}): KennisgevingBody {
  const start = overrides.pause?.start ?? today();
  const variant = overrides.variant ?? 'PUBLIC';
  caseCounter += 1;
  const body: KennisgevingBody = {
    variant,
    debtor: {
      ...(variant === 'PUBLIC' ? { bsn: '111222333' } : {}),
      initials: 'J.',
      givenNames: 'Jan',
      surnamePrefix: 'de',
      surname: 'Vries',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521AZ', city: 'Utrecht' },
    },
    municipality: { code: '0344', name: 'Utrecht' },
    counsellor: { organisation: 'Gemeente Utrecht', name: 'A. Consulent', email: 'schulden@utrecht.nl' },
    caseReference: `CASE-${Date.now()}-${caseCounter}`,
    admissionDate: start,
    pause: { start, end: defaultPauseEnd(start) },
  };
  return { ...body, ...overrides };
}

interface EnvelopeInput {
  sender?: string;
  recipient?: string;
  /** header fields to override, e.g. createdAt or messageId */
  header?: Partial<MessageHeader>;
}

export function anUnsignedKennisgeving(
  input: EnvelopeInput & { variant?: Variant; body?: Partial<KennisgevingBody> } = {},
): UnsignedMessage<'Kennisgeving'> {
  const header = buildHeader({
    type: 'Kennisgeving',
    sender: input.sender ?? TEST_MUNICIPALITY_OIN,
    recipient: input.recipient ?? TEST_CREDITOR_OIN,
  });
  return {
    header: { ...header, ...input.header, type: 'Kennisgeving' },
    body: aKennisgevingBody({ ...(input.variant ? { variant: input.variant } : {}), ...input.body }),
  };
}

interface ReplyInput extends EnvelopeInput {
  /** the opening Kennisgeving's or BalanceRequest's messageId (the conversation); defaults to a fresh one */
  conversationId?: string;
  /** defaults to conversationId (right for an answer to the opener; a PaymentProposal or ProposalResponse names its own) */
  inReplyTo?: string;
}

function replyHeader<T extends Exclude<MessageType, 'Kennisgeving' | 'BalanceRequest'>>(
  type: T,
  input: ReplyInput,
  defaultSender: string,
  defaultRecipient: string,
  withInReplyTo: boolean,
): MessageHeader<T> {
  const conversationId = input.conversationId ?? newMessageId();
  const inReplyTo = input.inReplyTo ?? (withInReplyTo ? conversationId : undefined);
  const header = buildHeader({
    type,
    sender: input.sender ?? defaultSender,
    recipient: input.recipient ?? defaultRecipient,
    conversationId,
    ...(inReplyTo ? { inReplyTo } : {}),
  });
  return { ...header, ...input.header, type };
}

export function anUnsignedPauseAcknowledgement(
  input: ReplyInput & { body?: Partial<PauseAcknowledgementBody> } = {},
): UnsignedMessage<'PauseAcknowledgement'> {
  const body: PauseAcknowledgementBody =
    input.body?.decision === 'DECLINED'
      ? { decision: 'DECLINED', declineReason: 'DEBTOR_UNKNOWN' }
      : { decision: 'PAUSED', pausedUntil: defaultPauseEnd(today()) };
  return {
    header: replyHeader('PauseAcknowledgement', input, TEST_CREDITOR_OIN, TEST_MUNICIPALITY_OIN, true),
    body: { ...body, ...input.body },
  };
}

export function anUnsignedProgressUpdate(
  input: ReplyInput & { body?: Partial<ProgressUpdateBody> } = {},
): UnsignedMessage<'ProgressUpdate'> {
  return {
    header: replyHeader('ProgressUpdate', input, TEST_MUNICIPALITY_OIN, TEST_CREDITOR_OIN, false),
    body: { status: 'STABILISATION_STARTED', ...input.body },
  };
}

export function anUnsignedDeliveryReceipt(
  input: ReplyInput & { body?: Partial<DeliveryReceiptBody> } = {},
): UnsignedMessage<'DeliveryReceipt'> {
  return {
    header: replyHeader('DeliveryReceipt', input, TEST_CREDITOR_OIN, TEST_MUNICIPALITY_OIN, true),
    body: { status: 'DELIVERED', ...input.body },
  };
}

/* Collectief Schuldregelen (DESIGN §9): one conversation per creditor, opened by its BalanceRequest. */

/** A valid PUBLIC, collective BalanceRequest body (BSN 111222333); `variant: 'PRIVATE'` drops the BSN. */
export function aBalanceRequestBody(overrides: Partial<BalanceRequestBody> = {}): BalanceRequestBody {
  const { variant, debtor, municipality, counsellor } = aKennisgevingBody(
    overrides.variant ? { variant: overrides.variant } : {},
  );
  return {
    variant,
    debtor,
    municipality,
    counsellor,
    caseReference: `SR-${Date.now()}-${caseCounter}`,
    collective: true,
    ...overrides,
  };
}

export function anUnsignedBalanceRequest(
  input: EnvelopeInput & { variant?: Variant; body?: Partial<BalanceRequestBody> } = {},
): UnsignedMessage<'BalanceRequest'> {
  const header = buildHeader({
    type: 'BalanceRequest',
    sender: input.sender ?? TEST_MUNICIPALITY_OIN,
    recipient: input.recipient ?? TEST_CREDITOR_OIN,
  });
  return {
    header: { ...header, ...input.header, type: 'BalanceRequest' },
    body: aBalanceRequestBody({ ...(input.variant ? { variant: input.variant } : {}), ...input.body }),
  };
}

/** A known debtor with two claims (€120,00 and €34,56) and pre-approval; `known: false` gives no claims. */
export function anUnsignedBalanceStatement(
  input: ReplyInput & { body?: Partial<BalanceStatementBody> } = {},
): UnsignedMessage<'BalanceStatement'> {
  const body: BalanceStatementBody =
    input.body?.known === false
      ? { known: false, claims: [], totalOutstandingCents: 0 }
      : {
          known: true,
          claims: [
            { reference: 'F-1', kind: 'ZORG', originalAmountCents: 15_000, outstandingAmountCents: 12_000 },
            { reference: 'F-2', kind: 'OVERIG', originalAmountCents: 3_456, outstandingAmountCents: 3_456 },
          ],
          totalOutstandingCents: 15_456,
          preApproval: true,
        };
  return {
    header: replyHeader('BalanceStatement', input, TEST_CREDITOR_OIN, TEST_MUNICIPALITY_OIN, true),
    body: { ...body, ...input.body },
  };
}

/** 45.67% of €1.234,56 over 18 months; the offer follows from the percentage and the creditor's total. */
export function anUnsignedPaymentProposal(
  input: ReplyInput & { body?: Partial<PaymentProposalBody> } = {},
): UnsignedMessage<'PaymentProposal'> {
  const payoutPercentage = input.body?.payoutPercentage ?? '45.67';
  const creditorTotalCents = input.body?.creditorTotalCents ?? 123_456;
  return {
    header: replyHeader('PaymentProposal', input, TEST_MUNICIPALITY_OIN, TEST_CREDITOR_OIN, true),
    body: {
      arrangementType: 'SCHULDBEMIDDELING',
      payoutPercentage,
      creditorTotalCents,
      offeredAmountCents: offeredAmountCents(creditorTotalCents, payoutPercentage),
      totalDebtCents: Math.max(creditorTotalCents, 500_000),
      termMonths: 18,
      startDate: today(),
      ...input.body,
    },
  };
}

/** ACCEPTED by pre-approval; `decision: 'REJECTED'` gives AMOUNT_TOO_LOW and no pre-approval. */
export function anUnsignedProposalResponse(
  input: ReplyInput & { body?: Partial<ProposalResponseBody> } = {},
): UnsignedMessage<'ProposalResponse'> {
  const body: ProposalResponseBody =
    input.body?.decision === 'REJECTED'
      ? { decision: 'REJECTED', rejectReason: 'AMOUNT_TOO_LOW', byPreApproval: false }
      : { decision: 'ACCEPTED', byPreApproval: true };
  return {
    header: replyHeader('ProposalResponse', input, TEST_CREDITOR_OIN, TEST_MUNICIPALITY_OIN, true),
    body: { ...body, ...input.body },
  };
}

export function anUnsignedArrangementAgreed(
  input: ReplyInput & { body?: Partial<ArrangementAgreedBody> } = {},
): UnsignedMessage<'ArrangementAgreed'> {
  const startDate = input.body?.startDate ?? today();
  return {
    header: replyHeader('ArrangementAgreed', input, TEST_MUNICIPALITY_OIN, TEST_CREDITOR_OIN, false),
    body: {
      arrangementType: 'SCHULDBEMIDDELING',
      payoutPercentage: '45.67',
      offeredAmountCents: offeredAmountCents(123_456, '45.67'),
      paymentReference: `BET-${caseCounter}`,
      startDate,
      endDate: addCalendarMonths(startDate, 18),
      ...input.body,
    },
  };
}

export function anUnsignedArrangementEnded(
  input: ReplyInput & { body?: Partial<ArrangementEndedBody> } = {},
): UnsignedMessage<'ArrangementEnded'> {
  return {
    header: replyHeader('ArrangementEnded', input, TEST_MUNICIPALITY_OIN, TEST_CREDITOR_OIN, false),
    body: { reason: 'COMPLETED', ...input.body },
  };
}

export function anUnsignedStatusRequest(
  input: ReplyInput & { body?: Partial<StatusRequestBody> } = {},
): UnsignedMessage<'StatusRequest'> {
  return {
    header: replyHeader('StatusRequest', input, TEST_CREDITOR_OIN, TEST_MUNICIPALITY_OIN, false),
    body: { question: 'Is er al een betaalvoorstel?', ...input.body },
  };
}
