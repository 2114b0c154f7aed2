import type { Debtor } from '@skp/messages';
import type { KennisgevingEvent } from '../entities/kennisgeving-event.entity';
import type { KennisgevingRecord } from '../entities/kennisgeving-record.entity';

export interface SubmittedMessageView {
  messageId: string;
  creditor: string;
  variant: 'PUBLIC' | 'PRIVATE';
  state: string;
}

export interface SubmissionView {
  caseReference: string;
  messages: SubmittedMessageView[];
}

export interface CreditorStatusView extends SubmittedMessageView {
  pausedUntil?: string;
  declineReason?: string;
  reasonCode?: string;
  sentAt: string;
  answerDeadline: string;
  events: Array<{ at: string; kind: string; detail: Record<string, unknown> }>;
}

export interface CaseView {
  caseReference: string;
  /** the debtor as first submitted; absent for cases sent before the adapter kept it */
  debtor?: Debtor;
  creditors: CreditorStatusView[];
}

export function toSubmittedMessageView(
  record: Pick<KennisgevingRecord, 'messageId' | 'creditorOin' | 'variant' | 'state'>,
): SubmittedMessageView {
  return {
    messageId: record.messageId,
    creditor: record.creditorOin,
    variant: record.variant,
    state: record.state,
  };
}

export function toCaseView(
  caseReference: string,
  records: KennisgevingRecord[],
  events: KennisgevingEvent[],
  debtor: Debtor | null = null,
): CaseView {
  return {
    caseReference,
    ...(debtor ? { debtor } : {}),
    creditors: records.map((record) => {
      const view: CreditorStatusView = {
        ...toSubmittedMessageView(record),
        sentAt: record.sentAt.toISOString(),
        answerDeadline: record.answerDeadline.toISOString(),
        events: events
          .filter((e) => e.messageId === record.messageId)
          .map((e) => ({ at: e.at.toISOString(), kind: e.kind, detail: e.detail })),
      };
      if (record.pausedUntil) {
        view.pausedUntil = record.pausedUntil;
      }
      if (record.declineReason) {
        view.declineReason = record.declineReason;
      }
      if (record.reasonCode) {
        view.reasonCode = record.reasonCode;
      }
      return view;
    }),
  };
}
