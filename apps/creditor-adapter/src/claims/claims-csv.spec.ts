import { parseCsv } from '@skp/platform';
import { headerProblems, readClaimLines } from './claims-csv';

const HEADER =
  'reference;kind;originalAmountCents;outstandingAmountCents;customerNumber;bsn;surname;birthDate;postcode;since';
const doc = (...rows: string[]) => parseCsv([HEADER, ...rows].join('\n'))!;
const rulesOf = (lines: ReturnType<typeof readClaimLines>) =>
  lines.map((line) =>
    line.ok
      ? `${line.line}:ok`
      : `${line.line}:${line.violations.map((v) => `${v.field}/${v.rule}`).join(',')}`,
  );

describe('claims CSV header', () => {
  it('accepts the full header and the required columns alone', () => {
    expect(headerProblems(doc())).toEqual([]);
    expect(headerProblems(parseCsv('reference,kind,originalAmountCents,outstandingAmountCents\n')!)).toEqual(
      [],
    );
  });

  it('names unknown, missing and repeated columns', () => {
    const problems = headerProblems(parseCsv('reference;kind;amount;kind\n')!);
    expect(problems.map((p) => `${p.field}/${p.rule}`)).toEqual([
      'header.amount/unknown-column',
      'header.originalAmountCents/required-column',
      'header.outstandingAmountCents/required-column',
      'header.kind/duplicate-column',
    ]);
  });
});

describe('claims CSV rows', () => {
  it('reads a row keyed by BSN, by customer number and by person, normalised', () => {
    const lines = readClaimLines(
      doc(
        'F-1;ZORG;12000;9000;;111222333;;;;2025-01-15',
        'F-2;NUTS;500;500;K-77;;;;;',
        'F-3;PUBLIEK;700;0;;;Van der Berg;1980-02-29;1234 ab;',
      ),
      true,
    );
    expect(rulesOf(lines)).toEqual(['2:ok', '3:ok', '4:ok']);
    expect(lines[0]).toMatchObject({
      row: { reference: 'F-1', bsn: '111222333', outstandingAmountCents: 9000, since: '2025-01-15' },
    });
    expect(lines[1]).toMatchObject({ row: { customerNumber: 'K-77', bsn: null, surnameKey: null } });
    expect(lines[2]).toMatchObject({
      row: { surnameKey: 'van der berg', postcode: '1234AB', outstandingAmountCents: 0 },
    });
  });

  it.each([
    ['a missing reference', ';ZORG;1;1;K;;;;;', '2:reference/required'],
    ['an unknown kind', 'F;BELASTING;1;1;K;;;;;', '2:kind/one-of'],
    ['a negative amount', 'F;ZORG;-1;1;K;;;;;', '2:originalAmountCents/cents'],
    ['a decimal amount', 'F;ZORG;1;1,50;K;;;;;', '2:outstandingAmountCents/cents'],
    ['euros with a sign', 'F;ZORG;€1;1;K;;;;;', '2:originalAmountCents/cents'],
    ['a bad BSN', 'F;ZORG;1;1;;123456789;;;;', '2:bsn/bsn-11-proef'],
    ['a bad birth date', 'F;ZORG;1;1;K;;X;1980-02-30;1234AB;', '2:birthDate/iso-date'],
    ['a bad postcode', 'F;ZORG;1;1;K;;X;1980-01-01;12345;', '2:postcode/postcode'],
    ['a bad since', 'F;ZORG;1;1;K;;;;;yesterday', '2:since/iso-date'],
    ['no way to find the debtor', 'F;ZORG;1;1;;;Jansen;1980-01-01;;', '2:debtor/debtor-key-required'],
  ])('refuses %s, naming the field and rule', (_name, row, expected) => {
    expect(rulesOf(readClaimLines(doc(row), true))).toEqual([expected]);
  });

  it('refuses a BSN the creditor may not keep, and keeps the other rows', () => {
    const lines = readClaimLines(doc('F-1;ZORG;1;1;;111222333;;;;', 'F-2;ZORG;1;1;K-1;;;;;'), false);
    expect(rulesOf(lines)).toEqual(['2:bsn/bsn-not-allowed', '3:ok']);
  });

  it('refuses a reference repeated on a later line', () => {
    const lines = readClaimLines(doc('F-1;ZORG;1;1;K;;;;;', 'F-1;ZORG;2;2;K;;;;;'), true);
    expect(rulesOf(lines)).toEqual(['2:ok', '3:reference/duplicate-reference']);
  });

  it('reports every broken rule of a line at once', () => {
    expect(rulesOf(readClaimLines(doc('F;X;a;b;;;;;;'), true))).toEqual([
      '2:kind/one-of,originalAmountCents/cents,outstandingAmountCents/cents,debtor/debtor-key-required',
    ]);
  });
});
