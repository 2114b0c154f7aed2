import { contactDueAt, isContactOverdue, statusChangeRefusal } from './help-request-state';

describe('a HelpRequest status', () => {
  it.each([
    ['NEW', 'CONTACTED'],
    ['NEW', 'ADMITTED'],
    ['NEW', 'REFERRED'],
    ['NEW', 'NOT_ADMITTED'],
    ['CONTACTED', 'ADMITTED'],
    ['CONTACTED', 'REFERRED'],
    ['CONTACTED', 'NOT_ADMITTED'],
  ] as const)('moves forward from %s to %s', (from, to) => {
    expect(statusChangeRefusal(from, to)).toBeUndefined();
  });

  it.each([
    ['CONTACTED', 'CONTACTED', 'the request is CONTACTED already'],
    ['ADMITTED', 'REFERRED', 'the request is ADMITTED already: that is final'],
    ['REFERRED', 'ADMITTED', 'the request is REFERRED already: that is final'],
    ['NOT_ADMITTED', 'CONTACTED', 'the request is NOT_ADMITTED already: that is final'],
    ['ADMITTED', 'ADMITTED', 'the request is ADMITTED already: that is final'],
  ] as const)('never moves from %s to %s', (from, to, reason) => {
    expect(statusChangeRefusal(from, to)).toBe(reason);
  });
});

describe('the first-contact deadline', () => {
  it('is 3 Dutch working days after receipt, at the same Amsterdam time', () => {
    // Thursday 11 December 2025, 10:00 Amsterdam: Fri 12, Mon 15, Tue 16
    expect(contactDueAt(new Date('2025-12-11T09:00:00Z'), 3).toISOString()).toBe('2025-12-16T09:00:00.000Z');
  });

  it('skips Christmas and the weekend', () => {
    // Tuesday 23 December 2025: Wed 24, (25, 26 holidays, 27-28 weekend) Mon 29, Tue 30
    expect(contactDueAt(new Date('2025-12-23T15:30:00Z'), 3).toISOString()).toBe('2025-12-30T15:30:00.000Z');
  });

  it('is overdue only once the deadline passed and the request is still NEW', () => {
    const due = new Date('2025-12-16T09:00:00Z');
    expect(isContactOverdue({ status: 'NEW', contactDueAt: due }, new Date('2025-12-16T08:59:59Z'))).toBe(
      false,
    );
    expect(isContactOverdue({ status: 'NEW', contactDueAt: due }, new Date('2025-12-16T09:00:00Z'))).toBe(
      true,
    );
    expect(
      isContactOverdue({ status: 'CONTACTED', contactDueAt: due }, new Date('2026-01-01T00:00:00Z')),
    ).toBe(false);
    expect(
      isContactOverdue({ status: 'ADMITTED', contactDueAt: due }, new Date('2026-01-01T00:00:00Z')),
    ).toBe(false);
  });
});
