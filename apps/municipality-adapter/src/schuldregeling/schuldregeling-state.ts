import type { ArrangementEndReason, EndReason, ProgressStatus } from '@skp/messages';

/**
 * The municipality's view of one creditor in a Schuldregeling. States only move forward; a late or
 * repeated message never moves a state back.
 *
 *   SENT → ACCEPTED (hub) → DELIVERED (creditor) → STATED | UNKNOWN_DEBTOR (BalanceStatement)
 *   SENT → REJECTED (the hub refused the BalanceRequest: `reasonCode`; this creditor cannot answer)
 *   STATED → PROPOSED (PaymentProposal) → PROPOSAL_ACCEPTED | PROPOSAL_REJECTED (`rejectReason`)
 *   PROPOSAL_ACCEPTED → AGREED (ArrangementAgreed, once every proposed creditor accepted)
 *   any conversation with the creditor → ENDED (ArrangementEnded)
 */
export const SCHULDREGELING_CREDITOR_STATES = [
  'SENT',
  'ACCEPTED',
  'DELIVERED',
  'REJECTED',
  'STATED',
  'UNKNOWN_DEBTOR',
  'PROPOSED',
  'PROPOSAL_ACCEPTED',
  'PROPOSAL_REJECTED',
  'AGREED',
  'ENDED',
] as const;
export type SchuldregelingCreditorState = (typeof SCHULDREGELING_CREDITOR_STATES)[number];

/**
 * The dossier: waiting for balances, complete, proposed, agreed (every proposed creditor accepted),
 * REJECTED (a creditor refused the proposal: no ArrangementAgreed goes out), ended.
 */
export const DOSSIER_STATES = [
  'AWAITING_BALANCES',
  'BALANCES_COMPLETE',
  'PROPOSED',
  'REJECTED',
  'AGREED',
  'ENDED',
] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

/** The dossier states stored: the others are read from the creditors. */
export type StoredDossierState = 'OPEN' | 'PROPOSED' | 'AGREED' | 'ENDED';

const WAITING: readonly SchuldregelingCreditorState[] = ['SENT', 'ACCEPTED', 'DELIVERED'];

export type SchuldregelingEvent =
  | { kind: 'ACCEPTED' | 'DELIVERED' | 'REJECTED' }
  | { kind: 'STATED'; known: boolean }
  | { kind: 'PROPOSED' }
  | { kind: 'RESPONDED'; decision: 'ACCEPTED' | 'REJECTED' }
  | { kind: 'AGREED' }
  | { kind: 'ENDED' };

/** The state after `event`, or null when it must not move the state. */
export function nextCreditorState(
  current: SchuldregelingCreditorState,
  event: SchuldregelingEvent,
): SchuldregelingCreditorState | null {
  switch (event.kind) {
    case 'ACCEPTED':
      return current === 'SENT' ? 'ACCEPTED' : null;
    case 'DELIVERED':
      return current === 'SENT' || current === 'ACCEPTED' ? 'DELIVERED' : null;
    case 'REJECTED':
      return current === 'SENT' ? 'REJECTED' : null;
    case 'STATED':
      return WAITING.includes(current) ? (event.known ? 'STATED' : 'UNKNOWN_DEBTOR') : null;
    case 'PROPOSED':
      return current === 'STATED' ? 'PROPOSED' : null;
    case 'RESPONDED':
      return current === 'PROPOSED' ? `PROPOSAL_${event.decision}` : null;
    case 'AGREED':
      return current === 'PROPOSAL_ACCEPTED' ? 'AGREED' : null;
    case 'ENDED':
      return current === 'REJECTED' || current === 'ENDED' ? null : 'ENDED';
  }
}

/** Still owes a BalanceStatement: overdue once its answer deadline passed. */
export function isOverdue(state: SchuldregelingCreditorState, answerDeadline: Date, now: Date): boolean {
  return WAITING.includes(state) && answerDeadline.getTime() <= now.getTime();
}

/**
 * A proposal may go out once no creditor still owes its balance. A creditor whose BalanceRequest
 * the hub REJECTED cannot answer (there is no conversation), so it does not hold the dossier up:
 * it gets no proposal, and the view shows it REJECTED with the hub's reasonCode.
 */
export function balancesComplete(states: readonly SchuldregelingCreditorState[]): boolean {
  return states.every((state) => !WAITING.includes(state));
}

/** A creditor with a claim gets a proposal: it stated a balance above zero. */
export function hasClaim(state: SchuldregelingCreditorState, totalOutstandingCents: number | null): boolean {
  return state === 'STATED' && (totalOutstandingCents ?? 0) > 0;
}

/** Every creditor that got a proposal accepted it (and there was at least one). */
export function everyProposalAccepted(states: readonly SchuldregelingCreditorState[]): boolean {
  const proposed = states.filter((s) => s === 'PROPOSED' || s.startsWith('PROPOSAL_'));
  return proposed.length > 0 && proposed.every((s) => s === 'PROPOSAL_ACCEPTED');
}

/** The dossier's state as shown: the stored one, refined by where the creditors stand. */
export function dossierState(
  stored: StoredDossierState,
  states: readonly SchuldregelingCreditorState[],
): DossierState {
  switch (stored) {
    case 'OPEN':
      return balancesComplete(states) ? 'BALANCES_COMPLETE' : 'AWAITING_BALANCES';
    case 'PROPOSED':
      return states.includes('PROPOSAL_REJECTED') ? 'REJECTED' : 'PROPOSED';
    case 'AGREED':
    case 'ENDED':
      return stored;
  }
}

/**
 * The ProgressUpdate that answers a StatusRequest in a Schuldregeling's conversation: offered while
 * a proposal waits, agreed once agreed, ended (with the matching end reason) once ended, and
 * stabilisation (the case is with the counsellor) before any proposal. A Kennisgeving's
 * conversation is answered STABILISATION_STARTED.
 */
export function progressFor(
  state: DossierState | 'KENNISGEVING',
  endReason?: ArrangementEndReason | null,
): { status: ProgressStatus; endReason?: EndReason } {
  switch (state) {
    case 'PROPOSED':
    case 'REJECTED':
      return { status: 'ARRANGEMENT_OFFERED' };
    case 'AGREED':
      return { status: 'ARRANGEMENT_AGREED' };
    case 'ENDED':
      return { status: 'PAUSE_ENDED', endReason: END_REASON_OF[endReason ?? 'OTHER'] };
    case 'AWAITING_BALANCES':
    case 'BALANCES_COMPLETE':
    case 'KENNISGEVING':
      return { status: 'STABILISATION_STARTED' };
  }
}

const END_REASON_OF: Record<ArrangementEndReason, EndReason> = {
  COMPLETED: 'ARRANGEMENT_REACHED',
  FAILED: 'CLIENT_DROPPED_OUT',
  WSNP: 'WSNP',
  CLIENT_WITHDREW: 'CLIENT_WITHDREW',
  OTHER: 'OTHER',
};

/** The first day of the month after `today` (YYYY-MM-DD). */
export function firstOfNextMonth(today: string): string {
  const [year, month] = today.split('-').map(Number);
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}
