import fc from 'fast-check';
import { maxPauseEnd } from '../domain/dates';
import type { Debtor, KennisgevingBody, Person, Variant } from '../types';

/** The parts of valid messages that several bodies share: identifiers, text, dates, people, a case. */

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

export const emailArb = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.stringMatching(/^[a-z]{2,12}$/),
    fc.constantFrom('nl', 'com', 'org'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
export const phoneArb = fc.stringMatching(/^\+?[0-9]{6,15}$/);
export const identifierArb = textArb(30);
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

export function personArb(withBsn: 'required' | 'optional' | 'never'): fc.Arbitrary<Person> {
  const base = withBsn === 'never' ? personFields : { ...personFields, bsn: bsnArb };
  const required = ['givenNames', 'surname', 'birthDate', ...(withBsn === 'required' ? ['bsn'] : [])];
  return fc.record(base, {
    requiredKeys: required as (keyof typeof base)[],
    noNullPrototype: true,
  });
}

export const addressArb = fc.record(
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

/** What a Kennisgeving and a BalanceRequest both say about the case: debtor, municipality, counsellor. */
export type CaseParts = Pick<
  KennisgevingBody,
  | 'variant'
  | 'debtor'
  | 'partner'
  | 'municipality'
  | 'counsellor'
  | 'caseReference'
  | 'creditorCustomerNumber'
  | 'invoiceNumbers'
>;

/** The case parts of one variant: a BSN (debtor required, partner optional) only when PUBLIC. */
export function caseArb(variant: Variant): fc.Arbitrary<CaseParts> {
  return fc.record(
    {
      variant: fc.constant(variant),
      debtor: fc
        .tuple(personArb(variant === 'PUBLIC' ? 'required' : 'never'), addressArb)
        .map(([person, address]): Debtor => ({ ...person, address })),
      partner: personArb(variant === 'PUBLIC' ? 'optional' : 'never'),
      municipality: fc.record({ code: digits(4), name: textArb() }, { noNullPrototype: true }),
      counsellor: fc.record(
        { organisation: textArb(), name: textArb(), email: emailArb, phone: phoneArb },
        { requiredKeys: ['organisation', 'name', 'email'], noNullPrototype: true },
      ),
      caseReference: identifierArb,
      creditorCustomerNumber: identifierArb,
      invoiceNumbers: fc.array(identifierArb, { maxLength: 4 }),
    },
    {
      requiredKeys: ['variant', 'debtor', 'municipality', 'counsellor', 'caseReference'],
      noNullPrototype: true,
    },
  );
}

export const variantArb = fc.constantFrom('PUBLIC' as const, 'PRIVATE' as const);

export const contactArb = fc.record(
  { name: textArb(), email: emailArb, phone: phoneArb },
  { requiredKeys: ['name'], noNullPrototype: true },
);

/** A free-text note of up to 2000 characters, line breaks allowed. */
export const noteArb = textArb(2000, true);
