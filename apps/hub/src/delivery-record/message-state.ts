/** Hub states of DESIGN §6. */
export const MESSAGE_STATES = [
  'RECEIVED',
  'REJECTED',
  'ROUTED',
  'DELIVERED',
  'OVERDUE',
  'PAUSED',
  'DECLINED',
  // a request other than a Kennisgeving that got its answer (a BalanceRequest its BalanceStatement)
  'ANSWERED',
] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

/**
 * States only move forward. A late DELIVERED receipt after an answer is recorded as an event but
 * does not pull PAUSED back to DELIVERED; an answer after OVERDUE still moves it on.
 */
const RANK: Record<MessageState, number> = {
  RECEIVED: 0,
  ROUTED: 1,
  DELIVERED: 2,
  OVERDUE: 3,
  PAUSED: 4,
  DECLINED: 4,
  ANSWERED: 4,
  REJECTED: 5,
};

export function movesForward(from: MessageState, to: MessageState): boolean {
  return RANK[to] > RANK[from];
}

/**
 * The states a message may still move to `to` from: the guard of every state change the record
 * writes in SQL, derived here so the rule is written once.
 */
export function statesMovingForwardTo(to: MessageState): MessageState[] {
  return MESSAGE_STATES.filter((from) => movesForward(from, to));
}

/** Kinds of timeline events; states are events too, plus what happened around them. */
export type MessageEventKind =
  | 'RECEIVED'
  | 'REJECTED'
  | 'ROUTED'
  | 'DELIVERED'
  | 'ANSWERED'
  /** the conversation state (DESIGN §9) of an opening message moved; the state is in the detail */
  | 'CONVERSATION'
  | 'OVERDUE'
  | 'RECEIPT_ISSUED'
  | 'RECEIPT_FORWARDED'
  | 'DUPLICATE'
  | 'DUPLICATE_CONFLICT'
  | 'DEAD_LETTERED'
  | 'REDELIVERED'
  | 'BODY_PURGED'
  | 'DEAD_LETTER_PURGED';
