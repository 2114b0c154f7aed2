import fc from 'fast-check';
import { maxPauseEnd } from '../domain/dates';
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
  type Person,
  type ProgressUpdateBody,
  type SkpMessage,
} from '../types';

/** fast-check arbitraries for VALID messages and their parts, for property tests anywhere. */

const digits = (length: number): fc.Arbitrary<string> =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

export const oinArb: fc.Arbitrary<string> = fc.oneof(
  digits(9).map((rsin) => `00000001${rsin}000`),
  digits(8).map((kvk) => `00000003${kvk}0000`),
  digits(9).map((sub) => `00000004${sub}000`),
  digits(12).map((any) => `00000099${any}`),
);

/** Valid BSNs: 8 random digits and the check digit that satisfies the 11-proef. */
export const bsnArb: fc.Arbitrary<string> = digits(8)
  .map((first) => {
    const sum = [...first].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
    return { first, check: sum % 11, sum };
  })
  .filter(({ check, sum }) => check < 10 && sum - check !== 0)
  .map(({ first, check }) => `${first}${check}`);

const NOT_XML_SAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Fragments that stress escaping in both encodings. */
const TRICKY = [
  '<',
  '>',
  '&',
  '&amp;',
  ']]>',
  '"',
  "'",
  '\\',
  ' ',
  'é',
  'ĳ',
  '😀',
  '<!--',
  '</surname>',
  '123',
];

/** Non-blank text of XML-safe characters; single-line unless `multiline` (then also \t \n \r). */
export function textArb(maxLength = 40, multiline = false): fc.Arbitrary<string> {
  const pieces = multiline ? [...TRICKY, '\n', '\r\n', '\t', '\r'] : TRICKY;
  return fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(...pieces)), {
      minLength: 1,
      maxLength: 6,
    })
    .map((parts) => parts.join('').slice(0, maxLength))
    .filter(
      (s) =>
        s.trim().length > 0 &&
        !NOT_XML_SAFE.test(s) &&
        (multiline || !/[\t\n\r]/.test(s)) &&
        s.length <= maxLength,
    );
}

export const isoDateArb: fc.Arbitrary<string> = fc
  .date({ min: new Date('1930-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const createdAtArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.boolean(),
  )
  .map(([d, millis]) => (millis ? d.toISOString() : d.toISOString().replace(/\.\d{3}Z$/, 'Z')));

export const uuidArb: fc.Arbitrary<string> = fc.uuid().map((u) => u.toLowerCase());

const emailArb = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.stringMatching(/^[a-z]{2,12}$/),
    fc.constantFrom('nl', 'com', 'org'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const phoneArb = fc.stringMatching(/^\+?[0-9]{6,15}$/);
const identifierArb = textArb(30);
const postcodeArb = fc
  .tuple(fc.integer({ min: 1000, max: 9999 }), fc.stringMatching(/^[A-Z]{2}$/))
  .filter(([, letters]) => !['SA', 'SD', 'SS'].includes(letters))
  .map(([n, letters]) => `${n}${letters}`);

/** A pause with end after start and at most 8 calendar months later. */
export const pauseArb: fc.Arbitrary<{ start: string; end: string }> = fc
  .tuple(isoDateArb, fc.integer({ min: 1, max: 250 }))
  .map(([start, days]) => {
    const naive = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const latest = maxPauseEnd(start);
    return { start, end: naive > latest ? latest : naive };
  });

const personFields = {
  initials: textArb(10),
  givenNames: textArb(),
  surnamePrefix: textArb(10),
  surname: textArb(),
  birthDate: isoDateArb,
};

function personArb(withBsn: 'required' | 'optional' | 'never'): fc.Arbitrary<Person> {
  const base = withBsn === 'never' ? personFields : { ...personFields, bsn: bsnArb };
  const required = ['givenNames', 'surname', 'birthDate', ...(withBsn === 'required' ? ['bsn'] : [])];
  return fc.record(base, {
    requiredKeys: required as (keyof typeof base)[],
    noNullPrototype: true,
  });
}

const addressArb = fc.record(
  {
    street: textArb(),
    houseNumber: fc.integer({ min: 1, max: 99999 }),
    houseLetter: fc.stringMatching(/^[A-Za-z]$/),
    houseNumberAddition: fc.stringMatching(/^[A-Za-z0-9]{1,4}$/),
    postcode: postcodeArb,
    city: textArb(),
  },
  { requiredKeys: ['street', 'houseNumber', 'postcode', 'city'], noNullPrototype: true },
);

export const kennisgevingBodyArb: fc.Arbitrary<KennisgevingBody> = fc
  .constantFrom('PUBLIC' as const, 'PRIVATE' as const)
  .chain((variant) =>
    fc.record(
      {
        variant: fc.constant(variant),
        debtor: fc
          .tuple(personArb(variant === 'PUBLIC' ? 'required' : 'never'), addressArb)
          .map(([person, address]) => ({ ...person, address })),
        partner: personArb(variant === 'PUBLIC' ? 'optional' : 'never'),
        municipality: fc.record({ code: digits(4), name: textArb() }, { noNullPrototype: true }),
        counsellor: fc.record(
          { organisation: textArb(), name: textArb(), email: emailArb, phone: phoneArb },
          { requiredKeys: ['organisation', 'name', 'email'], noNullPrototype: true },
        ),
        caseReference: identifierArb,
        creditorCustomerNumber: identifierArb,
        invoiceNumbers: fc.array(identifierArb, { maxLength: 4 }),
        admissionDate: isoDateArb,
        signal: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
        pause: pauseArb,
      },
      {
        requiredKeys: [
          'variant',
          'debtor',
          'municipality',
          'counsellor',
          'caseReference',
          'admissionDate',
          'pause',
        ],
        noNullPrototype: true,
      },
    ),
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
        contact: fc.record(
          { name: textArb(), email: emailArb, phone: phoneArb },
          { requiredKeys: ['name'], noNullPrototype: true },
        ),
        note: textArb(2000, true),
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
    fc.record({ note: textArb(2000, true) }, { requiredKeys: [], noNullPrototype: true }),
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

export function headerArb<T extends MessageType>(type: T): fc.Arbitrary<MessageHeader<T>> {
  const needsReply = type === 'PauseAcknowledgement' || type === 'DeliveryReceipt';
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
      conversationId: type === 'Kennisgeving' ? h.messageId : h.conversationId,
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
    }));
}

export const signatureArb: fc.Arbitrary<string> = fc
  .tuple(fc.base64String({ minLength: 4, maxLength: 40 }), fc.base64String({ minLength: 4, maxLength: 40 }))
  .map(([h, s]) => `${h.replace(/=/g, '')}..${s.replace(/=/g, '')}`);

const messageArb = <T extends MessageType>(
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

/** Any valid signed message, of all four types. */
export const validMessageArb: fc.Arbitrary<SkpMessage> = fc.oneof(
  kennisgevingArb,
  pauseAcknowledgementArb,
  progressUpdateArb,
  deliveryReceiptArb,
);

/* ---------- hostile input for decode() ---------- */
