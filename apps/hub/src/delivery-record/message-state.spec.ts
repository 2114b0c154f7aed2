import { MESSAGE_STATES, movesForward, statesMovingForwardTo } from './message-state';

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

  it('lists the states a move to a state starts from, for the SQL guards', () => {
    expect(statesMovingForwardTo('DELIVERED')).toEqual(['RECEIVED', 'ROUTED']);
    expect(statesMovingForwardTo('OVERDUE')).toEqual(['RECEIVED', 'ROUTED', 'DELIVERED']);
    expect(statesMovingForwardTo('PAUSED')).toEqual(['RECEIVED', 'ROUTED', 'DELIVERED', 'OVERDUE']);
    expect(statesMovingForwardTo('REJECTED')).toEqual(MESSAGE_STATES.filter((s) => s !== 'REJECTED'));
  });
});
