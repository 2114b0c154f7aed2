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
    expect(conversationStatesBefore('ENDED')).toEqual([
      'REQUESTED',
      'STATED',
      'UNKNOWN_DEBTOR',
      'PROPOSED',
      'ACCEPTED',
      'REJECTED',
      'AGREED',
    ]);
    expect(conversationStatesBefore('CONTACTED')).toEqual(['REQUESTED']);
    expect(conversationStatesBefore('NOT_ADMITTED')).toEqual(['REQUESTED', 'CONTACTED']);
  });

  it("moves a HelpRequest's conversation REQUESTED → CONTACTED → ADMITTED | REFERRED | NOT_ADMITTED (DESIGN §11)", () => {
    expect(conversationMovesForward('REQUESTED', 'CONTACTED')).toBe(true);
    for (const outcome of ['ADMITTED', 'REFERRED', 'NOT_ADMITTED'] as const) {
      expect(conversationMovesForward('CONTACTED', outcome)).toBe(true);
      // admitting without a separate contact message is still forward
      expect(conversationMovesForward('REQUESTED', outcome)).toBe(true);
      expect(conversationMovesForward(outcome, 'CONTACTED')).toBe(false);
    }
    expect(conversationMovesForward('ADMITTED', 'NOT_ADMITTED')).toBe(false);
    expect(conversationMovesForward('REFERRED', 'ADMITTED')).toBe(false);
  });

  it('never moves between the two kinds of conversation; every state is on a track', () => {
    const helpRequest = ['CONTACTED', 'ADMITTED', 'REFERRED', 'NOT_ADMITTED'] as const;
    const schuldregeling = CONVERSATION_STATES.filter(
      (s) => s !== 'REQUESTED' && !(helpRequest as readonly string[]).includes(s),
    );
    for (const a of helpRequest) {
      for (const b of schuldregeling) {
        expect([a, b, conversationMovesForward(a, b)]).toEqual([a, b, false]);
        expect([b, a, conversationMovesForward(b, a)]).toEqual([b, a, false]);
      }
    }
    for (const state of CONVERSATION_STATES.filter((s) => s !== 'REQUESTED')) {
      expect([state, conversationMovesForward('REQUESTED', state)]).toEqual([state, true]);
    }
  });
});
