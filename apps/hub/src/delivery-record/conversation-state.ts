import { CONVERSATION_STATES, type ConversationState } from '@skp/messages';

/**
 * The state of a Schuldregeling's conversation (DESIGN §9), kept on its opening BalanceRequest, or
 * of a resident's HelpRequest (§11). It only moves forward; alternatives (STATED or UNKNOWN_DEBTOR,
 * ACCEPTED or REJECTED, ADMITTED or REFERRED or NOT_ADMITTED) rank alike, so the first of them
 * decides and a later one is refused. The two kinds share REQUESTED; the protocol keeps each
 * conversation to its own states (a HelpRequestAcknowledgement only answers a HelpRequest).
 */
const RANK: Record<ConversationState, number> = {
  REQUESTED: 0,
  STATED: 1,
  UNKNOWN_DEBTOR: 1,
  PROPOSED: 2,
  ACCEPTED: 3,
  REJECTED: 3,
  AGREED: 4,
  ENDED: 5,
  CONTACTED: 1,
  ADMITTED: 2,
  REFERRED: 2,
  NOT_ADMITTED: 2,
};

export function conversationMovesForward(from: ConversationState, to: ConversationState): boolean {
  return RANK[to] > RANK[from];
}

/** The states a conversation may still move to `to` from: the guard of the record's SQL update. */
export function conversationStatesBefore(to: ConversationState): ConversationState[] {
  return CONVERSATION_STATES.filter((from) => conversationMovesForward(from, to));
}
