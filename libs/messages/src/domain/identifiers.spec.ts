import {
  explainOin,
  isUuid,
  isValidBsn,
  isValidGemeentecode,
  isValidKvk,
  isValidOin,
  isValidPostcode,
  normaliseBsn,
  normalisePostcode,
} from './identifiers';

describe('isValidBsn', () => {
  it.each(['123456782', '111222333', '011111112'])('accepts %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });
  it.each([
    ['123456781', 'fails the 11-proef'],
    ['000000000', 'sums to 0'],
    ['12345678', 'has 8 digits'],
    ['1234567820', 'has 10 digits'],
    ['12345678a', 'has a letter'],
    [' 123456782', 'has a space'],
  ])('rejects %s (%s)', (bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });
  it('rejects non-strings', () => {
    expect(isValidBsn(123456782)).toBe(false);
    expect(isValidBsn(undefined)).toBe(false);
  });
});

describe('normaliseBsn', () => {
  it('gives an 8-digit BSN a leading zero', () => {
    expect(normaliseBsn('11111112')).toBe('011111112');
    expect(isValidBsn(normaliseBsn('11111112'))).toBe(true);
  });
  it('leaves 9 digits and other input alone', () => {
    expect(normaliseBsn('123456782')).toBe('123456782');
    expect(normaliseBsn('1234')).toBe('1234');
  });
});

describe('isValidOin / explainOin', () => {
  it.each([
    '00000001002220647000', // Gemeente Utrecht
    '00000003123456780000', // KvK based
    '00000004003214345000', // SubOIN
    '00000099123456789012', // test prefix: anything goes
  ])('accepts %s', (oin) => {
    expect(isValidOin(oin)).toBe(true);
    expect(explainOin(oin)).toBeNull();
  });
  it('rejects a wrong suffix for prefix 00000001', () => {
    expect(isValidOin('00000001002220647001')).toBe(false);
    expect(explainOin('00000001002220647001')).toMatch(/suffix 000/);
  });
  it('rejects a wrong suffix for prefix 00000003', () => {
    expect(explainOin('00000003123456789000')).toMatch(/suffix 0000/);
  });
  it('rejects an unknown prefix', () => {
    expect(explainOin('00000002002220647000')).toMatch(/unknown OIN prefix/);
  });
  it('rejects wrong length and non-digits', () => {
    expect(explainOin('0000000100222064700')).toMatch(/20 digits/);
    expect(explainOin('0000000100222064700x')).toMatch(/20 digits/);
    expect(explainOin(42)).toMatch(/string/);
  });
});

describe('gemeentecode, KvK, postcode', () => {
  it('gemeentecode is 4 digits', () => {
    expect(isValidGemeentecode('0344')).toBe(true);
    expect(isValidGemeentecode('344')).toBe(false);
    expect(isValidGemeentecode('03444')).toBe(false);
  });
  it('KvK is 8 digits', () => {
    expect(isValidKvk('12345678')).toBe(true);
    expect(isValidKvk('1234567')).toBe(false);
    expect(isValidKvk('1234567a')).toBe(false);
  });
  it('normalises postcodes', () => {
    expect(normalisePostcode('1234 ab')).toBe('1234AB');
    expect(normalisePostcode(' 3511  ab ')).toBe('3511AB');
  });
  it.each(['1234AB', '3511AB', '9999ZZ'])('accepts postcode %s', (postcode) => {
    expect(isValidPostcode(postcode)).toBe(true);
  });
  it.each(['0123AB', '1234 AB', '1234ab', '123AB', '1234A', '1234SA', '1234SD', '1234SS'])(
    'rejects postcode %s',
    (postcode) => {
      expect(isValidPostcode(postcode)).toBe(false);
    },
  );
});

describe('isUuid', () => {
  it('accepts a lowercase RFC 4122/9562 UUID and nothing else', () => {
    expect(isUuid('3f2b8c1e-9a4d-4e7b-8c21-5d6f7a8b9c0d')).toBe(true);
    expect(isUuid('3F2B8C1E-9A4D-4E7B-8C21-5D6F7A8B9C0D')).toBe(false);
    expect(isUuid('3f2b8c1e-9a4d-0e7b-8c21-5d6f7a8b9c0d')).toBe(false); // version 0
    expect(isUuid('3f2b8c1e-9a4d-4e7b-cc21-5d6f7a8b9c0d')).toBe(false); // variant
    expect(isUuid('3f2b8c1e9a4d4e7b8c215d6f7a8b9c0d')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
