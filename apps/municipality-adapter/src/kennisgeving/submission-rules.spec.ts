import { chooseVariant, duplicateCreditors } from './submission-rules';

const A = '00000003123456780000';
const B = '00000001001234567000';

describe('duplicateCreditors', () => {
  it('names every repeated creditor by its list position, not the first mention', () => {
    expect(duplicateCreditors([{ oin: A }, { oin: B }, { oin: A }, { oin: A }])).toEqual([
      expect.objectContaining({ field: 'creditors[2].oin', rule: 'duplicate-creditor' }),
      expect.objectContaining({ field: 'creditors[3].oin', rule: 'duplicate-creditor' }),
    ]);
  });

  it('leaves invalid OINs and non-lists to the field rules', () => {
    expect(duplicateCreditors([{ oin: '123' }, { oin: '123' }, null, 'x'])).toEqual([]);
    expect(duplicateCreditors(undefined)).toEqual([]);
    expect(duplicateCreditors({ oin: A })).toEqual([]);
  });
});

describe('chooseVariant', () => {
  it('gives the BSN only to a creditor allowed to process it', () => {
    expect(chooseVariant(A, new Set([A]))).toBe('PUBLIC');
    expect(chooseVariant(B, new Set([A]))).toBe('PRIVATE');
  });
});
