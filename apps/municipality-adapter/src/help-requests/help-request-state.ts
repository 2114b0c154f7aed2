import {
  addWorkingDays,
  HELP_REQUEST_STATUS_RANK,
  HELP_REQUEST_STATUSES,
  type HelpRequestStatus,
} from '@skp/messages';

/**
 * The rules of a resident's HelpRequest at the municipality (DESIGN §11), as pure functions: its
 * status only moves forward (NEW → CONTACTED → ADMITTED | REFERRED | NOT_ADMITTED, a step may be
 * skipped, as the hub's conversation track allows), and first contact is due within a number of
 * Dutch working days of its receipt.
 */

export type HelpRequestState = 'NEW' | HelpRequestStatus;

export const HELP_REQUEST_STATES: readonly HelpRequestState[] = ['NEW', ...HELP_REQUEST_STATUSES];

const RANK: Record<HelpRequestState, number> = { NEW: 0, ...HELP_REQUEST_STATUS_RANK };
const FINAL = Math.max(...Object.values(HELP_REQUEST_STATUS_RANK));

/** Why `to` may not follow `from`, or undefined when it may. */
export function statusChangeRefusal(from: HelpRequestState, to: HelpRequestStatus): string | undefined {
  if (RANK[from] === FINAL) {
    return `the request is ${from} already: that is final`;
  }
  if (RANK[to] <= RANK[from]) {
    return `the request is ${from} already`;
  }
  return undefined;
}

/** When the municipality must have contacted the resident. */
export function contactDueAt(receivedAt: Date, workingDays: number): Date {
  return addWorkingDays(receivedAt, workingDays);
}

/** Overdue: past its contact deadline and nobody has answered the resident yet. */
export function isContactOverdue(
  request: { status: HelpRequestState; contactDueAt: Date },
  now: Date = new Date(),
): boolean {
  return request.status === 'NEW' && request.contactDueAt.getTime() <= now.getTime();
}
