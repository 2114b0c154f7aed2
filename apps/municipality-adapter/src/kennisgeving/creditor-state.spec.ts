import { CREDITOR_STATES, CreditorEvent, CreditorState, nextState } from './creditor-state';

const run = (events: CreditorEvent[], from: CreditorState = 'SENT'): CreditorState =>
  events.reduce<CreditorState>((state, event) => nextState(state, event) ?? state, from);

describe('creditor state machine', () => {
  it('follows the happy path SENT → ACCEPTED → DELIVERED → PAUSED', () => {
    expect(nextState('SENT', { kind: 'ACCEPTED' })).toBe('ACCEPTED');
    expect(nextState('ACCEPTED', { kind: 'DELIVERED' })).toBe('DELIVERED');
    expect(nextState('DELIVERED', { kind: 'ANSWERED', decision: 'PAUSED' })).toBe('PAUSED');
    expect(nextState('DELIVERED', { kind: 'ANSWERED', decision: 'DECLINED' })).toBe('DECLINED');
  });

  it('copes with receipts arriving out of order', () => {
    expect(run([{ kind: 'DELIVERED' }, { kind: 'ACCEPTED' }])).toBe('DELIVERED');
    expect(run([{ kind: 'ANSWERED', decision: 'PAUSED' }, { kind: 'DELIVERED' }, { kind: 'ACCEPTED' }])).toBe(
      'PAUSED',
    );
  });

  it('does not move back on a late DELIVERED after PAUSED', () => {
    expect(nextState('PAUSED', { kind: 'DELIVERED' })).toBeNull();
    expect(nextState('DECLINED', { kind: 'ACCEPTED' })).toBeNull();
  });

  it('lets an answer after OVERDUE still move the state', () => {
    expect(nextState('DELIVERED', { kind: 'DEADLINE_PASSED' })).toBe('OVERDUE');
    expect(nextState('OVERDUE', { kind: 'ANSWERED', decision: 'PAUSED' })).toBe('PAUSED');
    expect(nextState('OVERDUE', { kind: 'DELIVERED' })).toBeNull();
  });

  it('never makes an answered or rejected Kennisgeving overdue', () => {
    for (const state of ['PAUSED', 'DECLINED', 'REJECTED', 'OVERDUE'] as const) {
      expect(nextState(state, { kind: 'DEADLINE_PASSED' })).toBeNull();
    }
  });

  it('rejects only before the hub accepted it, and keeps REJECTED final', () => {
    expect(nextState('SENT', { kind: 'REJECTED' })).toBe('REJECTED');
    // the hub never rejects what it accepted: a REJECTED after ACCEPTED is a forgery or a replay
    expect(nextState('ACCEPTED', { kind: 'REJECTED' })).toBeNull();
    expect(nextState('DELIVERED', { kind: 'REJECTED' })).toBeNull();
    expect(nextState('REJECTED', { kind: 'ANSWERED', decision: 'PAUSED' })).toBeNull();
    expect(nextState('REJECTED', { kind: 'DELIVERED' })).toBeNull();
  });

  it('keeps the first answer: a second answer is recorded but does not change the state', () => {
    expect(nextState('PAUSED', { kind: 'ANSWERED', decision: 'DECLINED' })).toBeNull();
    expect(nextState('DECLINED', { kind: 'ANSWERED', decision: 'PAUSED' })).toBeNull();
  });

  it('only ever moves forward, from any state and any event', () => {
    const rank: Record<CreditorState, number> = {
      SENT: 0,
      ACCEPTED: 1,
      DELIVERED: 2,
      OVERDUE: 3,
      PAUSED: 4,
      DECLINED: 4,
      REJECTED: 4,
    };
    const events: CreditorEvent[] = [
      { kind: 'ACCEPTED' },
      { kind: 'DELIVERED' },
      { kind: 'REJECTED' },
      { kind: 'ANSWERED', decision: 'PAUSED' },
      { kind: 'ANSWERED', decision: 'DECLINED' },
      { kind: 'DEADLINE_PASSED' },
    ];
    for (const state of CREDITOR_STATES) {
      for (const event of events) {
        const next = nextState(state, event);
        if (next !== null) {
          expect(rank[next]).toBeGreaterThan(rank[state]);
        }
      }
    }
  });
});
