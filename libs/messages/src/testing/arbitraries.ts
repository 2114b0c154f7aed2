import fc from 'fast-check';
import { PROTOCOL } from '../protocol/protocol';
import {
  DECLINE_REASONS,
  END_REASONS,
  PROGRESS_STATUSES,
  REASON_CODES,
  SCHEMA_VERSION,
  type DeliveryReceiptBody,
  type KennisgevingBody,
  type MessageHeader,
  type MessageType,
  type PauseAcknowledgementBody,
  type ProgressUpdateBody,
  type SkpMessage,
} from '../types';
import {
  caseArb,
  contactArb,
  createdAtArb,
  identifierArb,
  isoDateArb,
  noteArb,
  oinArb,
  pauseArb,
  textArb,
  uuidArb,
  variantArb,
} from './arbitrary-parts';
import { COLLECTIVE_BODY_ARBS } from './collective-arbitraries';
import { HELP_REQUEST_BODY_ARBS } from './help-request-arbitraries';

/** fast-check arbitraries for VALID messages and their parts, for property tests anywhere. */

export * from './arbitrary-parts';
export * from './collective-arbitraries';
export * from './help-request-arbitraries';

export const kennisgevingBodyArb: fc.Arbitrary<KennisgevingBody> = variantArb.chain((variant) =>
  fc
    .tuple(
      caseArb(variant),
      fc.record(
        {
          admissionDate: isoDateArb,
          signal: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
          pause: pauseArb,
        },
        { requiredKeys: ['admissionDate', 'pause'], noNullPrototype: true },
      ),
    )
    .map(([parts, rest]) => ({ ...parts, ...rest })),
);

export const pauseAcknowledgementBodyArb: fc.Arbitrary<PauseAcknowledgementBody> = fc
  .tuple(
    fc.oneof(
      isoDateArb.map((pausedUntil) => ({ decision: 'PAUSED' as const, pausedUntil })),
      fc
        .constantFrom(...DECLINE_REASONS)
        .map((declineReason) => ({ decision: 'DECLINED' as const, declineReason })),
    ),
    fc.record(
      {
        creditorCustomerNumber: identifierArb,
        invoiceNumbers: fc.array(identifierArb, { maxLength: 4 }),
        outstandingAmountCents: fc.maxSafeNat(),
        contact: contactArb,
        note: noteArb,
      },
      { requiredKeys: [], noNullPrototype: true },
    ),
  )
  .map(([decision, rest]) => ({ ...decision, ...rest }));

export const progressUpdateBodyArb: fc.Arbitrary<ProgressUpdateBody> = fc
  .tuple(
    fc.constantFrom(...PROGRESS_STATUSES).chain((status): fc.Arbitrary<ProgressUpdateBody> => {
      switch (status) {
        case 'PAUSE_EXTENDED':
          return isoDateArb.map((newPauseEnd) => ({ status, newPauseEnd }));
        case 'PAUSE_ENDED':
          return fc.constantFrom(...END_REASONS).map((endReason) => ({ status, endReason }));
        case 'STABILISATION_STARTED':
        case 'ARRANGEMENT_OFFERED':
        case 'ARRANGEMENT_AGREED':
          return fc.constant({ status });
      }
    }),
    fc.record({ note: noteArb }, { requiredKeys: [], noNullPrototype: true }),
  )
  .map(([body, rest]) => ({ ...body, ...rest }));

export const deliveryReceiptBodyArb: fc.Arbitrary<DeliveryReceiptBody> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom({ status: 'ACCEPTED' as const }, { status: 'DELIVERED' as const }),
      fc.constantFrom(...REASON_CODES).map((reasonCode) => ({ status: 'REJECTED' as const, reasonCode })),
    ),
    fc.record({ reason: textArb(200, true) }, { requiredKeys: [], noNullPrototype: true }),
  )
  .map(([body, rest]) => ({ ...body, ...rest }));

/** A header as the type's protocol row wants it: inReplyTo when required, conversationId = messageId for an opener. */
export function headerArb<T extends MessageType>(type: T): fc.Arbitrary<MessageHeader<T>> {
  const { inReplyTo: reply, opensConversation } = PROTOCOL[type];
  const needsReply = reply?.required === true;
  return fc
    .record(
      {
        messageId: uuidArb,
        sender: oinArb,
        recipient: oinArb,
        conversationId: uuidArb,
        inReplyTo: needsReply ? uuidArb : fc.option(uuidArb, { nil: undefined }),
        createdAt: createdAtArb,
      },
      { noNullPrototype: true },
    )
    .map(({ inReplyTo, ...h }) => ({
      ...h,
      type,
      schemaVersion: SCHEMA_VERSION,
      conversationId: opensConversation ? h.messageId : h.conversationId,
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
    }));
}

export const signatureArb: fc.Arbitrary<string> = fc
  .tuple(fc.base64String({ minLength: 4, maxLength: 40 }), fc.base64String({ minLength: 4, maxLength: 40 }))
  .map(([h, s]) => `${h.replace(/=/g, '')}..${s.replace(/=/g, '')}`);

export const messageArb = <T extends MessageType>(
  type: T,
  body: fc.Arbitrary<unknown>,
): fc.Arbitrary<SkpMessage<T>> =>
  fc.record(
    { header: headerArb(type), body, signature: signatureArb },
    { noNullPrototype: true },
  ) as unknown as fc.Arbitrary<SkpMessage<T>>;

export const kennisgevingArb = messageArb('Kennisgeving', kennisgevingBodyArb);
export const pauseAcknowledgementArb = messageArb('PauseAcknowledgement', pauseAcknowledgementBodyArb);
export const progressUpdateArb = messageArb('ProgressUpdate', progressUpdateBodyArb);
export const deliveryReceiptArb = messageArb('DeliveryReceipt', deliveryReceiptBodyArb);

/** Any valid signed message, of every type. */
export const validMessageArb: fc.Arbitrary<SkpMessage> = fc.oneof(
  kennisgevingArb,
  pauseAcknowledgementArb,
  progressUpdateArb,
  deliveryReceiptArb,
  ...[...COLLECTIVE_BODY_ARBS, ...HELP_REQUEST_BODY_ARBS].map(([type, body]) => messageArb(type, body)),
);

/* ---------- hostile input for decode() ---------- */
