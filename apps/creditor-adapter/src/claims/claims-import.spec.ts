import { planClaimImport } from './claims-import';

const HEADER =
  'reference;kind;originalAmountCents;outstandingAmountCents;customerNumber;bsn;surname;birthDate;postcode;since';

describe('claims import plan', () => {
  it('reports each line by number and keeps the good ones', () => {
    const plan = planClaimImport(
      [
        HEADER,
        'F-1;ZORG;10000;8000;K-1;;;;;2025-01-01',
        'F-2;HUUR;10000;8000;K-1;;;;;',
        'F-3;NUTS;500;500;;;Jansen;1980-01-01;1234 ab;',
      ].join('\n'),
      false,
    );
    expect(plan.ok).toBe(true);
    if (!plan.ok) {
      return;
    }
    expect(plan.result.summary).toEqual({ stored: 2, failed: 1 });
    expect(plan.result.rows.map((row) => [row.line, row.status])).toEqual([
      [2, 'STORED'],
      [3, 'ERROR'],
      [4, 'STORED'],
    ]);
    expect(plan.result.rows[1]).toMatchObject({
      reference: 'F-2',
      errors: [{ field: 'kind', rule: 'one-of' }],
    });
    expect(plan.rows.map((row) => row.reference)).toEqual(['F-1', 'F-3']);
    expect(plan.rows[1]).toMatchObject({ surnameKey: 'jansen', postcode: '1234AB' });
  });

  it('refuses a BSN the creditor may not keep, line by line', () => {
    const plan = planClaimImport(`${HEADER}\nF-1;ZORG;1;1;;111222333;;;;`, false);
    expect(plan.ok && plan.result.rows[0].errors?.map((e) => e.rule)).toEqual(['bsn-not-allowed']);
    const allowed = planClaimImport(`${HEADER}\nF-1;ZORG;1;1;;111222333;;;;`, true);
    expect(allowed.ok && allowed.rows[0].bsn).toBe('111222333');
  });

  it('refuses the whole file for header, syntax and empty-file problems', () => {
    const refused = (text: string) => {
      const plan = planClaimImport(text, false);
      return plan.ok ? [] : plan.violations.map((v) => `${v.field}:${v.rule}`);
    };
    expect(refused('reference;kind;colour\nF-1;ZORG;red')).toEqual(
      expect.arrayContaining([
        'header.colour:unknown-column',
        'header.originalAmountCents:required-column',
        'header.outstandingAmountCents:required-column',
      ]),
    );
    expect(refused('')).toEqual(['file:empty-file']);
    expect(refused(`${HEADER}\n"F-1;ZORG`)).toEqual(['line 2:csv-syntax']);
    expect(refused('a\u0000b')).toEqual(['file:no-nul-bytes']);
  });
});
