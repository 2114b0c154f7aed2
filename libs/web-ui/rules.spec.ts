import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  explainOin,
  isIsoDate,
  isValidBsn,
  isValidPostcode,
  normaliseBsn,
  normalisePostcode,
  pauseViolations,
} from '@skp/messages';

/* rules.js is a browser ES module without a build step: load it by evaluating its text. */
type Problem = (value: unknown) => string | null;
interface Rules {
  bsnProblem: Problem;
  postcodeProblem: Problem;
  dateProblem: Problem;
  pauseEndProblem: (start: string, end: string) => string | null;
  houseNumberProblem: Problem;
  oinProblem: Problem;
  maxPauseEnd: (start: string) => string;
}
const source = readFileSync(join(__dirname, 'rules.js'), 'utf8').replace(/^export /gm, '');
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a browser module without a build step, evaluated as text
const rules = new Function(
  `${source}\nreturn { bsnProblem, postcodeProblem, dateProblem, pauseEndProblem, houseNumberProblem, oinProblem, maxPauseEnd };`,
)() as Rules;

/** What the API accepts (the request rules of the municipality adapter, built on libs/messages). */
const api = {
  bsn: (v: string) => /^\d{9}$/.test(normaliseBsn(v)) && isValidBsn(normaliseBsn(v)),
  postcode: (v: string) => isValidPostcode(normalisePostcode(v)),
  houseNumber: (v: string) => /^\s*\d+\s*$/.test(v) && Number.isSafeInteger(Number(v)) && Number(v) >= 1,
};

const digits = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));
const validBsn = digits(8, 8)
  .map((d) => {
    const sum = [...d].reduce((t, c, i) => t + Number(c) * (9 - i), 0);
    return `${d}${sum % 11}`;
  })
  .filter((b) => isValidBsn(b));
const isoDate = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateLike = fc.oneof(
  isoDate,
  fc.tuple(digits(4, 4), digits(2, 2), digits(2, 2)).map(([y, m, d]) => `${y}-${m}-${d}`),
  fc.string(),
);

const RUNS = { numRuns: 2000 };

describe('rules.js agrees with the API validators', () => {
  it('BSN: random text, digit strings, valid numbers with spaces, 8 digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          digits(7, 10),
          validBsn,
          validBsn.map((b) => ` ${b} `),
          validBsn.map((b) => b.slice(1)),
        ),
        (value) => (rules.bsnProblem(value) === null) === api.bsn(value),
      ),
      RUNS,
    );
    expect(rules.bsnProblem('111222333')).toBeNull();
    expect(rules.bsnProblem('111222334')).toMatch(/elfproef/);
    expect(rules.bsnProblem('000000000')).not.toBeNull(); // sum 0 fails the 11-proef
    expect(rules.bsnProblem('12345')).toMatch(/9 cijfers/);
  });

  it('postcode: random text and postcode-like text in any spacing and case', () => {
    const letters = fc.constantFrom(...'ABCDSZabsdz');
    const postcodeLike = fc
      .tuple(digits(4, 4), letters, letters, fc.constantFrom('', ' ', '  '))
      .map(([d, a, b, space]) => `${d}${space}${a}${b}`);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), postcodeLike),
        (value) => (rules.postcodeProblem(value) === null) === api.postcode(value),
      ),
      RUNS,
    );
    expect(rules.postcodeProblem('3521 az')).toBeNull();
    expect(rules.postcodeProblem('0521AZ')).not.toBeNull();
    expect(rules.postcodeProblem('3521SS')).not.toBeNull();
  });

  it('ISO dates: real calendar dates only (leap years, month ends)', () => {
    fc.assert(
      fc.property(dateLike, (value) => (rules.dateProblem(value) === null) === isIsoDate(value)),
      RUNS,
    );
    expect(rules.dateProblem('2028-02-29')).toBeNull();
    expect(rules.dateProblem('2026-02-29')).not.toBeNull();
  });

  it('pause end: after the start and at most 8 calendar months later, month ends clamped', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -40, max: 400 }), (start, days) => {
        const end = new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        return (rules.pauseEndProblem(start, end) === null) === (pauseViolations(start, end).length === 0);
      }),
      RUNS,
    );
    expect(rules.maxPauseEnd('2026-06-30')).toBe('2027-02-28');
    expect(rules.pauseEndProblem('2026-06-30', '2027-02-28')).toBeNull();
    expect(rules.pauseEndProblem('2026-06-30', '2027-03-01')).toMatch(/8 maanden/);
    expect(rules.pauseEndProblem('2026-06-30', '2026-06-30')).toMatch(/na de begindatum/);
  });

  it('house number: a whole number of at least 1', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), digits(1, 20), fc.integer({ min: -5, max: 100_000 }).map(String)),
        (value) => (rules.houseNumberProblem(value) === null) === api.houseNumber(value),
      ),
      RUNS,
    );
    expect(rules.houseNumberProblem('0')).not.toBeNull();
    expect(rules.houseNumberProblem('12a')).not.toBeNull();
  });

  it('OIN: 20 digits, known prefix, suffix rule', () => {
    const prefixed = fc
      .tuple(fc.constantFrom('00000001', '00000003', '00000004', '00000099', '00000002'), digits(12, 12))
      .map(([p, rest]) => `${p}${rest}`);
    const wellFormed = fc
      .tuple(fc.constantFrom('00000001', '00000004'), digits(9, 9))
      .map(([p, main]) => `${p}${main}000`);
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), prefixed, wellFormed, digits(19, 21)),
        (value) => (rules.oinProblem(value) === null) === (explainOin(value) === null),
      ),
      RUNS,
    );
  });

  it('every message is Dutch text, never the value itself', () => {
    expect(rules.bsnProblem('987654321')).not.toContain('987654321');
    expect(rules.postcodeProblem('9999XX ')).toBeNull();
    expect(rules.postcodeProblem('99999')).not.toContain('99999');
  });
});
