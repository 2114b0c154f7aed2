/**
 * The municipality's view of one Kennisgeving to one creditor. States only move forward: a late
 * or repeated message is recorded as an event but never moves the state back.
 *
 *   SENT → ACCEPTED (hub receipt) → DELIVERED (creditor's receipt) → PAUSED | DECLINED
 *   SENT → REJECTED (hub receipt; a REJECTED after ACCEPTED is recorded, never believed)
 *   SENT | ACCEPTED | DELIVERED → OVERDUE (no answer in time) → PAUSED | DECLINED (a late answer)
 */
export const CREDITOR_STATES = [
  'SENT',
  'ACCEPTED',
  'DELIVERED',
  'OVERDUE',
  'PAUSED',
  'DECLINED',
  'REJECTED',
] as const;
export type CreditorState = (typeof CREDITOR_STATES)[number];

/** What can happen to a Kennisgeving. */
export type CreditorEvent =
  | { kind: 'ACCEPTED' }
  | { kind: 'DELIVERED' }
  | { kind: 'REJECTED' }
  | { kind: 'ANSWERED'; decision: 'PAUSED' | 'DECLINED' }
  | { kind: 'DEADLINE_PASSED' };

const WAITING_FOR_ANSWER: readonly CreditorState[] = ['SENT', 'ACCEPTED', 'DELIVERED'];

/** The state after `event`, or `null` when the event must not move the state (it is still recorded). */
export function nextState(current: CreditorState, event: CreditorEvent): CreditorState | null {
  switch (event.kind) {
    case 'ACCEPTED':
      return current === 'SENT' ? 'ACCEPTED' : null;
    case 'DELIVERED':
      return current === 'SENT' || current === 'ACCEPTED' ? 'DELIVERED' : null;
    case 'REJECTED':
      // only before the hub accepted it: the hub never rejects what it accepted (issue 9)
      return current === 'SENT' ? 'REJECTED' : null;
    case 'ANSWERED':
      return WAITING_FOR_ANSWER.includes(current) || current === 'OVERDUE' ? event.decision : null;
    case 'DEADLINE_PASSED':
      return WAITING_FOR_ANSWER.includes(current) ? 'OVERDUE' : null;
  }
}

/** States in which the creditor still owes an answer (the overdue job looks at these). */
export function isAwaitingAnswer(state: CreditorState): boolean {
  return WAITING_FOR_ANSWER.includes(state);
}
