import { MESSAGE_STATES, movesForward } from './message-state';

describe('movesForward', () => {
  it('moves along the delivery path and to an answer, never back', () => {
    expect(movesForward('ROUTED', 'DELIVERED')).toBe(true);
    expect(movesForward('DELIVERED', 'PAUSED')).toBe(true);
    expect(movesForward('OVERDUE', 'DECLINED')).toBe(true);
    expect(movesForward('PAUSED', 'DELIVERED')).toBe(false);
    expect(movesForward('PAUSED', 'OVERDUE')).toBe(false);
    expect(movesForward('PAUSED', 'DECLINED')).toBe(false);
  });

  it('is irreflexive for every state', () => {
    for (const state of MESSAGE_STATES) {
      expect(movesForward(state, state)).toBe(false);
    }
  });
});
