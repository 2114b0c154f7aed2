import fc from 'fast-check';
import { parseCsv } from '@skp/platform';
import type { SubmissionContext } from '../kennisgeving/submission';
import { planImport } from './csv-import-plan';

const context: SubmissionContext = {
  sender: '00000001002220647000',
  municipality: { code: '0344', name: 'Utrecht' },
  counsellorDesk: { organisation: 'Gemeente Utrecht', name: 'Schuldhulp', email: 'schulden@utrecht.nl' },
  bsnAllowed: new Set(['00000003123456780000']),
};
const HEADER =
  'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin;pauseEnd';
const CREDITORS = ['00000003123456780000', '00000001001234567000', '00000003555555550000', 'not-an-oin'];

/** What can be wrong with one row: nothing, a bad field, a case field that differs, a field too many. */
const FAULTS = [
  'none',
  'none',
  'none',
  'bad-bsn',
  'other-surname',
  'no-postcode',
  'bad-pause',
  'extra-field',
];

const rowArb = fc.record({
  kase: fc.integer({ min: 0, max: 3 }),
  creditor: fc.constantFrom(...CREDITORS),
  fault: fc.constantFrom(...FAULTS),
});

function csvOf(rows: Array<{ kase: number; creditor: string; fault: string }>): string {
  const lines = rows.map(({ kase, creditor, fault }) =>
    [
      `CASE-${kase}`,
      fault === 'bad-bsn' ? '123456789' : '111222333',
      'Jan',
      fault === 'other-surname' ? 'Jansen' : 'Vries',
      '1980-05-17',
      'Stadsplateau',
      '1',
      fault === 'no-postcode' ? '' : '3521 az',
      'Utrecht',
      creditor,
      fault === 'bad-pause' ? '2026-01-01' : '',
      ...(fault === 'extra-field' ? ['extra'] : []),
    ].join(';'),
  );
  return [HEADER, ...lines].join('\n');
}

describe('planImport: checking whole cases first', () => {
  it('plans exactly as checking every row alone does, for files of good and bad rows', () => {
    let shortcutsTaken = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), (rows) => {
        const doc = parseCsv(csvOf(rows));
        if (!doc) {
          throw new Error('no document');
        }
        const fast = planImport(doc, context, '2026-03-02');
        const reference = planImport(doc, context, '2026-03-02', false);
        expect(fast).toEqual(reference);
        if (fast.ok && fast.cases.length > 0) {
          shortcutsTaken += 1;
        }
      }),
      { numRuns: 250 },
    );
    expect(shortcutsTaken).toBeGreaterThan(30); // the generator makes files with good cases
  });
});
