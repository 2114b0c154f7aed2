import type { SubmissionContext } from '../kennisgeving/submission';
import { planImport } from './csv-import-plan';
import { parseCsv } from '@skp/platform';

const context: SubmissionContext = {
  sender: '00000001002220647000',
  municipality: { code: '0344', name: 'Utrecht' },
  counsellorDesk: { organisation: 'Gemeente Utrecht', name: 'Schuldhulp', email: 'schulden@utrecht.nl' },
  bsnAllowed: new Set(['00000003123456780000']),
};
const HEADER =
  'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin;pauseEnd';
const row = (
  caseRef: string,
  creditor: string,
  extra: Partial<Record<'bsn' | 'postcode' | 'pauseEnd' | 'surname', string>> = {},
): string =>
  [
    caseRef,
    extra.bsn ?? '111222333',
    'Jan',
    extra.surname ?? 'Vries',
    '1980-05-17',
    'Stadsplateau',
    '1',
    extra.postcode ?? '3521 az',
    'Utrecht',
    creditor,
    extra.pauseEnd ?? '',
  ].join(';');

function plan(text: string) {
  const doc = parseCsv(text);
  if (!doc) {
    throw new Error('no document');
  }
  return planImport(doc, context, '2026-03-02');
}

describe('planImport', () => {
  it('groups rows by case, defaults pause start and admission date to today, and reports bad rows by line and column', () => {
    const result = plan(
      [
        HEADER,
        row('A', '00000003123456780000'),
        row('A', '00000001001234567000'),
        row('B', '00000003123456780000', { bsn: '111222334' }),
        row('C', 'not-an-oin', { pauseEnd: '2027-01-01' }),
      ].join('\r\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) {
      return;
    }
    expect(result.totalRows).toBe(4);
    expect(result.cases).toHaveLength(1);
    expect(result.cases[0].rows).toEqual([
      { line: 2, creditorOin: '00000003123456780000' },
      { line: 3, creditorOin: '00000001001234567000' },
    ]);
    expect(result.cases[0].request).toMatchObject({
      admissionDate: '2026-03-02',
      pause: { start: '2026-03-02' },
    });
    expect(
      result.failed.map((f) => [f.line, f.status, f.errors?.map((e) => `${e.field}:${e.rule}`)]),
    ).toEqual([
      [4, 'ERROR', ['bsn:bsn-11-proef']],
      [5, 'ERROR', ['creditorOin:oin', 'pauseEnd:pause-max-8-months']],
    ]);
    expect(JSON.stringify(result.failed)).not.toContain('111222334');
  });

  it('refuses rows of one case that disagree on the debtor, and repeated creditors', () => {
    const result = plan(
      [
        HEADER,
        row('A', '00000003123456780000'),
        row('A', '00000001001234567000', { surname: 'Jansen' }),
        row('A', '00000003123456780000'),
      ].join('\n'),
    );
    expect(
      result.ok && result.failed.map((f) => [f.line, f.errors?.map((e) => `${e.field}:${e.rule}`)]),
    ).toEqual([
      [3, ['surname:differs-within-case']],
      [4, ['creditorOin:duplicate-row']],
    ]);
  });

  it('reports missing and unknown header columns, comma separated with BOM', () => {
    const result = plan('\uFEFFcaseReference,bsn,favouriteColour\nA,111222333,blue\n');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations.map((v) => `${v.field}:${v.rule}`)).toEqual(
        expect.arrayContaining([
          'favouriteColour:unknown-column',
          'givenNames:missing-column',
          'creditorOin:missing-column',
        ]),
      );
    }
  });

  it('marks a row with the wrong number of fields', () => {
    const result = plan(`${HEADER}\nA;111222333\n`);
    expect(result.ok && result.failed).toEqual([
      expect.objectContaining({
        line: 2,
        status: 'ERROR',
        errors: [expect.objectContaining({ field: 'row', rule: 'column-count' })],
      }),
    ]);
  });

  it('refuses a file with a header and no rows', () => {
    expect(plan(`${HEADER}\n`)).toEqual({
      ok: false,
      violations: [expect.objectContaining({ rule: 'no-rows' })],
    });
  });
});
