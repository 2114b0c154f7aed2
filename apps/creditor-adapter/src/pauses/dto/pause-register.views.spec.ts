import type { Debtor } from '@skp/messages';
import type { Pause } from '../pause.entity';
import { toRegisterEntry } from './pause-register.views';

const aPause = (overrides: Partial<Pause> = {}): Pause => ({
  conversationId: 'c1',
  municipalityOin: '00000001002220647000',
  bsn: null,
  customerNumber: 'K-1',
  surnameKey: 'vries',
  fullSurnameKey: 'de vries',
  birthDate: '1980-05-17',
  postcode: '3521AZ',
  startDate: '2026-03-01',
  requestedEnd: '2026-07-01',
  endDate: '2026-06-01',
  liftedOn: null,
  liftReason: null,
  lastStatus: null,
  caseReference: 'CASE-1',
  municipality: { code: '0344', name: 'Utrecht' },
  counsellor: { organisation: 'Gemeente Utrecht', name: 'A. Consulent', email: 'schulden@utrecht.nl' },
  createdAt: new Date('2026-03-01T09:00:00Z'),
  updatedAt: new Date('2026-03-01T09:00:00Z'),
  ...overrides,
});

const debtor: Debtor = {
  bsn: '111222333',
  givenNames: 'Jan',
  surname: 'Vries',
  birthDate: '1980-05-17',
  address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 AZ', city: 'Utrecht' },
};

describe('pause register entries', () => {
  it('shows the debtor as received, but a BSN only when the register holds one', () => {
    const entry = toRegisterEntry(aPause(), debtor, '2026-04-01');
    expect(entry.debtor).toEqual({
      givenNames: 'Jan',
      surname: 'Vries',
      birthDate: '1980-05-17',
      address: debtor.address,
    });
    expect(entry.bsn).toBeNull();
    expect(toRegisterEntry(aPause({ bsn: '111222333' }), debtor, '2026-04-01').bsn).toBe('111222333');
  });

  it('is active while in force, and not after its end or once lifted', () => {
    expect(toRegisterEntry(aPause(), debtor, '2026-06-01').active).toBe(true);
    expect(toRegisterEntry(aPause(), debtor, '2026-06-02').active).toBe(false);
    expect(toRegisterEntry(aPause({ liftedOn: '2026-04-01' }), debtor, '2026-04-01').active).toBe(false);
  });

  it('leaves the debtor out when the Kennisgeving is not in the inbox', () => {
    expect(toRegisterEntry(aPause(), undefined, '2026-04-01')).not.toHaveProperty('debtor');
  });
});
