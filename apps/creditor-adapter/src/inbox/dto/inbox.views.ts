import type { MessageType, SkpMessage } from '@skp/messages';
import type { InboxMessage } from '../inbox-message.entity';

/** A line of the inbox list: metadata and what the message is about, no debtor data. */
export function toInboxSummary(entry: InboxMessage) {
  return {
    messageId: entry.messageId,
    type: entry.type,
    sender: entry.sender,
    conversationId: entry.conversationId,
    ...(entry.inReplyTo ? { inReplyTo: entry.inReplyTo } : {}),
    createdAt: entry.createdAt.toISOString(),
    receivedAt: entry.receivedAt.toISOString(),
    ...(entry.state ? { state: entry.state } : {}),
    ...(entry.caseReference ? { caseReference: entry.caseReference } : {}),
    ...about(entry.message),
    ...(entry.answer ? { answer: toAnswerView(entry) } : {}),
  };
}

/** One message in full, as signed, with this creditor's answer if it has one. */
export function toInboxDetail(entry: InboxMessage) {
  return { ...toInboxSummary(entry), message: entry.message };
}

/** The fields of a message body that say what it is about: never debtor data. */
const ABOUT: Record<MessageType, string[]> = {
  Kennisgeving: ['variant', 'pause', 'municipality', 'signal'],
  PauseAcknowledgement: ['decision'],
  ProgressUpdate: ['status', 'newPauseEnd'],
  DeliveryReceipt: ['status', 'reasonCode'],
  BalanceRequest: ['variant', 'collective', 'municipality'],
  BalanceStatement: ['known', 'totalOutstandingCents'],
  PaymentProposal: ['payoutPercentage', 'creditorTotalCents', 'offeredAmountCents', 'termMonths'],
  ProposalResponse: ['decision', 'rejectReason'],
  ArrangementAgreed: ['payoutPercentage', 'offeredAmountCents', 'startDate', 'endDate'],
  ArrangementEnded: ['reason'],
  StatusRequest: [],
  // Pauzeknop fase 1 goes between the hub and a municipality, never to a creditor
  HelpRequest: [],
  HelpRequestAcknowledgement: [],
};

/** The facts of this creditor's answer (a PauseAcknowledgement, BalanceStatement or ProposalResponse). */
const ANSWER_FACTS = [
  'decision',
  'pausedUntil',
  'declineReason',
  'known',
  'totalOutstandingCents',
  'preApproval',
  'rejectReason',
  'byPreApproval',
];

function pick(body: object, fields: readonly string[]): Record<string, unknown> {
  const record = body as Record<string, unknown>;
  return Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
}

function toAnswerView(entry: InboxMessage) {
  return {
    messageId: entry.answerMessageId,
    ...pick(entry.answer as object, ANSWER_FACTS),
    answeredAt: entry.answeredAt?.toISOString(),
    answeredBy: entry.answeredBy,
    status: entry.answerStatus,
    ...(entry.answerReasonCode ? { reasonCode: entry.answerReasonCode } : {}),
  };
}

function about(message: SkpMessage) {
  return pick(message.body, ABOUT[message.header.type] ?? []);
}
