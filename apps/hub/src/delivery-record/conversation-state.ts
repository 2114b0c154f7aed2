import { CONVERSATION_STATES, HELP_REQUEST_STATUS_RANK, type ConversationState } from '@skp/messages';

/**
 * The state of a conversation, kept on its opening message: a Schuldregeling's (DESIGN §9, on its
 * BalanceRequest) or a resident's HelpRequest's (§11). Each kind has its own track, and a state
 * only moves forward along its track; alternatives (STATED or UNKNOWN_DEBTOR, ACCEPTED or REJECTED,
 * ADMITTED or REFERRED or NOT_ADMITTED) rank alike, so the first of them decides and a later one is
 * refused. The tracks share only their start, REQUESTED; a state of one never moves to the other's.
 */
const TRACKS: readonly Partial<Record<ConversationState, number>>[] = [
  { REQUESTED: 0, STATED: 1, UNKNOWN_DEBTOR: 1, PROPOSED: 2, ACCEPTED: 3, REJECTED: 3, AGREED: 4, ENDED: 5 },
  { REQUESTED: 0, ...HELP_REQUEST_STATUS_RANK },
];

export function conversationMovesForward(from: ConversationState, to: ConversationState): boolean {
  return TRACKS.some((rank) => {
    const [a, b] = [rank[from], rank[to]];
    return a !== undefined && b !== undefined && b > a;
  });
}

/** The states a conversation may still move to `to` from: the guard of the record's SQL update. */
export function conversationStatesBefore(to: ConversationState): ConversationState[] {
  return CONVERSATION_STATES.filter((from) => conversationMovesForward(from, to));
}
