import type { Debtor } from './person';

/**
 * Pauzeknop fase 1 (DESIGN §11): the resident's own request for debt counselling, which the hub
 * signs and sends to the municipality, and the municipality's acknowledgement back to the hub.
 */

/** How far the municipality got with the resident; the first contact is due within 3 working days. */
export const HELP_REQUEST_STATUSES = ['CONTACTED', 'ADMITTED', 'REFERRED', 'NOT_ADMITTED'] as const;
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/**
 * How far each status goes (a request not yet acknowledged is 0): a status only moves forward, a
 * step may be skipped, and the three outcomes rank alike, so the first of them is final. The hub's
 * conversation track and the municipality's request both follow this one table.
 */
export const HELP_REQUEST_STATUS_RANK: Readonly<Record<HelpRequestStatus, number>> = {
  CONTACTED: 1,
  ADMITTED: 2,
  REFERRED: 2,
  NOT_ADMITTED: 2,
};

/** How the municipality reaches the resident: at least one of the two. */
export interface ResidentContact {
  phone?: string;
  email?: string;
}

export interface HelpRequestBody {
  /** as a Kennisgeving's debtor; the BSN only when the resident gave it */
  resident: Debtor;
  contact: ResidentContact;
  /** the resident's own words, a few lines */
  description?: string;
  /** when the resident gave consent (RFC 3339 UTC) */
  consentAt: string;
  /** always 1: the Pauzeknop signal of the resident's own request */
  signal: 1;
  /** eviction, disconnection or garnishment is imminent */
  urgent: boolean;
}

export interface HelpRequestAcknowledgementBody {
  status: HelpRequestStatus;
}
