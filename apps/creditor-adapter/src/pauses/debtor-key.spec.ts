import { toDebtorKey } from './debtor-key';

describe('lookup keys', () => {
  it('accepts exactly one way of naming the debtor', () => {
    expect(toDebtorKey({ bsn: '11222333' })).toEqual({
      ok: false,
      violations: [expect.objectContaining({ field: 'bsn', rule: 'bsn-11-proef' })],
    });
    expect(toDebtorKey({ bsn: '111222333' })).toEqual({ ok: true, key: { kind: 'bsn', bsn: '111222333' } });
    expect(toDebtorKey({ customerNumber: ' K-1 ' })).toEqual({
      ok: true,
      key: { kind: 'customerNumber', customerNumber: 'K-1' },
    });
    expect(toDebtorKey({ surname: 'De Vries', birthDate: '1980-05-17', postcode: '3521 az' })).toEqual({
      ok: true,
      key: { kind: 'person', surnameKey: 'de vries', birthDate: '1980-05-17', postcode: '3521AZ' },
    });
  });

  it('names every missing or bad field', () => {
    const none = toDebtorKey({});
    expect(none.ok).toBe(false);
    expect(!none.ok && none.violations[0].rule).toBe('one-key-required');
    const both = toDebtorKey({ bsn: '111222333', customerNumber: 'K-1' });
    expect(!both.ok && both.violations[0].rule).toBe('one-key-only');
    const partial = toDebtorKey({ surname: 'Vries', birthDate: '1980-02-30' });
    expect(!partial.ok && partial.violations.map((v) => `${v.field}:${v.rule}`)).toEqual([
      'postcode:required',
      'birthDate:iso-date',
    ]);
  });
});
