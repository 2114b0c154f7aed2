import { CONVERSATION_STATES } from '@skp/messages';
import { conversationMovesForward, conversationStatesBefore } from './conversation-state';

describe('conversation state rank', () => {
  it('moves along REQUESTED → STATED → PROPOSED → ACCEPTED → AGREED → ENDED', () => {
    const path = ['REQUESTED', 'STATED', 'PROPOSED', 'ACCEPTED', 'AGREED', 'ENDED'] as const;
    for (let i = 1; i < path.length; i++) {
      expect(conversationMovesForward(path[i - 1], path[i])).toBe(true);
      expect(conversationMovesForward(path[i], path[i - 1])).toBe(false);
    }
    expect(conversationMovesForward('REQUESTED', 'UNKNOWN_DEBTOR')).toBe(true);
    expect(conversationMovesForward('PROPOSED', 'REJECTED')).toBe(true);
    // a step may be skipped (a proposal straight after the request is still forward)
    expect(conversationMovesForward('REQUESTED', 'PROPOSED')).toBe(true);
  });

  it('ranks the alternatives alike: the first answer decides', () => {
    expect(conversationMovesForward('STATED', 'UNKNOWN_DEBTOR')).toBe(false);
    expect(conversationMovesForward('UNKNOWN_DEBTOR', 'STATED')).toBe(false);
    expect(conversationMovesForward('ACCEPTED', 'REJECTED')).toBe(false);
    expect(conversationMovesForward('REJECTED', 'ACCEPTED')).toBe(false);
    // a proposal after a rejection does not reopen the conversation
    expect(conversationMovesForward('REJECTED', 'PROPOSED')).toBe(false);
  });

  it('is irreflexive for every state', () => {
    for (const state of CONVERSATION_STATES) {
      expect(conversationMovesForward(state, state)).toBe(false);
    }
  });

  it('lists the states a move starts from, for the SQL guard', () => {
    expect(conversationStatesBefore('REQUESTED')).toEqual([]);
    expect(conversationStatesBefore('STATED')).toEqual(['REQUESTED']);
    expect(conversationStatesBefore('PROPOSED')).toEqual(['REQUESTED', 'STATED', 'UNKNOWN_DEBTOR']);
    expect(conversationStatesBefore('AGREED')).toEqual([
      'REQUESTED',
      'STATED',
      'UNKNOWN_DEBTOR',
      'PROPOSED',
      'ACCEPTED',
      'REJECTED',
    ]);
    expect(conversationStatesBefore('ENDED')).toEqual(CONVERSATION_STATES.filter((s) => s !== 'ENDED'));
  });
});
