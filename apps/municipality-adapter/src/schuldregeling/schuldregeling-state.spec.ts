import {
  balancesComplete,
  dossierState,
  everyProposalAccepted,
  firstOfNextMonth,
  hasClaim,
  isOverdue,
  nextCreditorState,
  progressFor,
} from './schuldregeling-state';

describe('Schuldregeling creditor states', () => {
  it('moves forward on receipts, never back', () => {
    expect(nextCreditorState('SENT', { kind: 'ACCEPTED' })).toBe('ACCEPTED');
    expect(nextCreditorState('ACCEPTED', { kind: 'DELIVERED' })).toBe('DELIVERED');
    expect(nextCreditorState('DELIVERED', { kind: 'ACCEPTED' })).toBeNull();
    expect(nextCreditorState('SENT', { kind: 'REJECTED' })).toBe('REJECTED');
    expect(nextCreditorState('ACCEPTED', { kind: 'REJECTED' })).toBeNull();
    expect(nextCreditorState('STATED', { kind: 'DELIVERED' })).toBeNull();
  });

  it('takes a statement only while waiting for it', () => {
    expect(nextCreditorState('DELIVERED', { kind: 'STATED', known: true })).toBe('STATED');
    expect(nextCreditorState('SENT', { kind: 'STATED', known: false })).toBe('UNKNOWN_DEBTOR');
    expect(nextCreditorState('STATED', { kind: 'STATED', known: true })).toBeNull();
    expect(nextCreditorState('REJECTED', { kind: 'STATED', known: true })).toBeNull();
  });

  it('takes a response only to an open proposal', () => {
    expect(nextCreditorState('PROPOSED', { kind: 'RESPONDED', decision: 'ACCEPTED' })).toBe(
      'PROPOSAL_ACCEPTED',
    );
    expect(nextCreditorState('PROPOSED', { kind: 'RESPONDED', decision: 'REJECTED' })).toBe(
      'PROPOSAL_REJECTED',
    );
    expect(nextCreditorState('STATED', { kind: 'RESPONDED', decision: 'ACCEPTED' })).toBeNull();
    expect(nextCreditorState('PROPOSAL_ACCEPTED', { kind: 'AGREED' })).toBe('AGREED');
    expect(nextCreditorState('PROPOSAL_REJECTED', { kind: 'AGREED' })).toBeNull();
  });

  it('ends every conversation but one the hub refused', () => {
    expect(nextCreditorState('AGREED', { kind: 'ENDED' })).toBe('ENDED');
    expect(nextCreditorState('UNKNOWN_DEBTOR', { kind: 'ENDED' })).toBe('ENDED');
    expect(nextCreditorState('REJECTED', { kind: 'ENDED' })).toBeNull();
    expect(nextCreditorState('ENDED', { kind: 'ENDED' })).toBeNull();
  });

  it('is overdue only while the balance is owed and the deadline passed', () => {
    const deadline = new Date('2026-03-16T10:00:00Z');
    expect(isOverdue('DELIVERED', deadline, new Date('2026-03-16T10:00:00Z'))).toBe(true);
    expect(isOverdue('DELIVERED', deadline, new Date('2026-03-16T09:59:59Z'))).toBe(false);
    expect(isOverdue('STATED', deadline, new Date('2026-04-01T00:00:00Z'))).toBe(false);
    expect(isOverdue('REJECTED', deadline, new Date('2026-04-01T00:00:00Z'))).toBe(false);
  });
});

describe('Schuldregeling dossier', () => {
  it('is complete when nobody owes a balance; a hub-rejected creditor does not hold it up', () => {
    expect(balancesComplete(['STATED', 'UNKNOWN_DEBTOR', 'REJECTED'])).toBe(true);
    expect(balancesComplete(['STATED', 'DELIVERED'])).toBe(false);
    expect(dossierState('OPEN', ['STATED', 'ACCEPTED'])).toBe('AWAITING_BALANCES');
    expect(dossierState('OPEN', ['STATED', 'UNKNOWN_DEBTOR'])).toBe('BALANCES_COMPLETE');
  });

  it('proposes only to creditors with a claim above zero', () => {
    expect(hasClaim('STATED', 100)).toBe(true);
    expect(hasClaim('STATED', 0)).toBe(false);
    expect(hasClaim('UNKNOWN_DEBTOR', 100)).toBe(false);
  });

  it('confirms only when every proposed creditor accepted', () => {
    expect(everyProposalAccepted(['PROPOSAL_ACCEPTED', 'PROPOSAL_ACCEPTED', 'UNKNOWN_DEBTOR'])).toBe(true);
    expect(everyProposalAccepted(['PROPOSAL_ACCEPTED', 'PROPOSED'])).toBe(false);
    expect(everyProposalAccepted(['PROPOSAL_ACCEPTED', 'PROPOSAL_REJECTED'])).toBe(false);
    expect(everyProposalAccepted(['UNKNOWN_DEBTOR'])).toBe(false);
    expect(dossierState('PROPOSED', ['PROPOSAL_ACCEPTED', 'PROPOSAL_REJECTED'])).toBe('REJECTED');
    expect(dossierState('PROPOSED', ['PROPOSAL_ACCEPTED', 'PROPOSED'])).toBe('PROPOSED');
  });

  it('answers a status request with the matching progress status', () => {
    expect(progressFor('AWAITING_BALANCES')).toEqual({ status: 'STABILISATION_STARTED' });
    expect(progressFor('KENNISGEVING')).toEqual({ status: 'STABILISATION_STARTED' });
    expect(progressFor('PROPOSED')).toEqual({ status: 'ARRANGEMENT_OFFERED' });
    expect(progressFor('AGREED')).toEqual({ status: 'ARRANGEMENT_AGREED' });
    expect(progressFor('ENDED', 'COMPLETED')).toEqual({
      status: 'PAUSE_ENDED',
      endReason: 'ARRANGEMENT_REACHED',
    });
    expect(progressFor('ENDED', 'FAILED')).toEqual({
      status: 'PAUSE_ENDED',
      endReason: 'CLIENT_DROPPED_OUT',
    });
  });

  it('starts on the first day of next month', () => {
    expect(firstOfNextMonth('2026-03-17')).toBe('2026-04-01');
    expect(firstOfNextMonth('2026-12-31')).toBe('2027-01-01');
  });
});
