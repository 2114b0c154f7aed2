import type { Debtor, HelpRequestStatus, ResidentContact } from '@skp/messages';
import { debtorLabel } from '../../kennisgeving/debtor-label';
import { type HelpRequestState, isContactOverdue } from '../help-request-state';
import type { AcknowledgementRow, HelpRequestRow } from '../help-request.repository';

export interface HelpRequestListItemView {
  id: string;
  reference: string;
  /** the resident's name as the case list shows a debtor (never the BSN) */
  residentLabel: string;
  urgent: boolean;
  status: HelpRequestState;
  receivedAt: string;
  contactDueAt: string;
  /** still NEW after its contact deadline */
  overdue: boolean;
  caseReference?: string;
}

export interface HelpRequestListView {
  items: HelpRequestListItemView[];
  limit: number;
  offset: number;
  nextOffset?: number;
}

/** What the new-case form starts from when the request is admitted; `signal` is always 1. */
export interface CaseDraftView {
  caseReference: string;
  debtor: Debtor;
  signal: 1;
}

export interface HelpRequestView extends HelpRequestListItemView {
  conversationId: string;
  resident: Debtor;
  contact: ResidentContact;
  description?: string;
  consentAt: string;
  statusChangedAt?: string;
  acknowledgements: Array<{
    messageId: string;
    status: HelpRequestStatus;
    sentAt: string;
    hubReceipt?: string;
  }>;
  caseDraft: CaseDraftView;
}

export function toListItemView(row: HelpRequestRow, now: Date): HelpRequestListItemView {
  return {
    id: row.messageId,
    reference: row.reference,
    residentLabel: debtorLabel(row.resident),
    urgent: row.urgent,
    status: row.status,
    receivedAt: row.receivedAt.toISOString(),
    contactDueAt: row.contactDueAt.toISOString(),
    overdue: isContactOverdue(row, now),
    ...(row.caseReference ? { caseReference: row.caseReference } : {}),
  };
}

export function toHelpRequestView(
  row: HelpRequestRow,
  acks: AcknowledgementRow[],
  now: Date,
): HelpRequestView {
  return {
    ...toListItemView(row, now),
    conversationId: row.conversationId,
    resident: row.resident,
    contact: row.contact,
    ...(row.description ? { description: row.description } : {}),
    consentAt: row.consentAt.toISOString(),
    ...(row.statusChangedAt ? { statusChangedAt: row.statusChangedAt.toISOString() } : {}),
    acknowledgements: acks.map((a) => ({
      messageId: a.messageId,
      status: a.status,
      sentAt: a.sentAt.toISOString(),
      ...(a.hubReceipt ? { hubReceipt: a.hubReceipt } : {}),
    })),
    caseDraft: { caseReference: row.caseReference ?? row.reference, debtor: row.resident, signal: 1 },
  };
}
