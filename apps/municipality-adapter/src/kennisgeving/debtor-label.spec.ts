import { debtorLabel } from './debtor-label';

describe('debtorLabel', () => {
  it('uses initials from the given names when none are given', () => {
    expect(debtorLabel({ givenNames: 'jan  Pieter', surname: 'Vries', surnamePrefix: 'de' })).toBe(
      'J.P. de Vries',
    );
  });

  it('prefers the initials given, and leaves out an empty prefix', () => {
    expect(debtorLabel({ initials: 'A.B.', givenNames: 'Anna', surname: 'Jansen', surnamePrefix: ' ' })).toBe(
      'A.B. Jansen',
    );
  });
});
