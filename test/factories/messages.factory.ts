import {
  buildHeader,
  newMessageId,
  defaultPauseEnd,
  type DeliveryReceiptBody,
  type KennisgevingBody,
  type MessageHeader,
  type PauseAcknowledgementBody,
  type ProgressUpdateBody,
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
  /** the Kennisgeving's messageId (the conversation); defaults to a fresh one */
  conversationId?: string;
  /** defaults to conversationId */
  inReplyTo?: string;
}

function replyHeader<T extends 'PauseAcknowledgement' | 'ProgressUpdate' | 'DeliveryReceipt'>(
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
