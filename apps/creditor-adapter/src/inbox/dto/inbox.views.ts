import type {
  DeliveryReceiptBody,
  KennisgevingBody,
  PauseAcknowledgementBody,
  ProgressUpdateBody,
  SkpMessage,
} from '@skp/messages';
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

function toAnswerView(entry: InboxMessage) {
  const answer = entry.answer as PauseAcknowledgementBody;
  return {
    messageId: entry.answerMessageId,
    decision: answer.decision,
    ...(answer.pausedUntil ? { pausedUntil: answer.pausedUntil } : {}),
    ...(answer.declineReason ? { declineReason: answer.declineReason } : {}),
    answeredAt: entry.answeredAt?.toISOString(),
    answeredBy: entry.answeredBy,
    status: entry.answerStatus,
    ...(entry.answerReasonCode ? { reasonCode: entry.answerReasonCode } : {}),
  };
}

function about(message: SkpMessage) {
  switch (message.header.type) {
    case 'Kennisgeving': {
      const body = message.body as KennisgevingBody;
      return { variant: body.variant, pause: body.pause };
    }
    case 'ProgressUpdate': {
      const body = message.body as ProgressUpdateBody;
      return { status: body.status, ...(body.newPauseEnd ? { newPauseEnd: body.newPauseEnd } : {}) };
    }
    case 'DeliveryReceipt': {
      const body = message.body as DeliveryReceiptBody;
      return { status: body.status, ...(body.reasonCode ? { reasonCode: body.reasonCode } : {}) };
    }
    case 'PauseAcknowledgement':
      return { decision: (message.body as PauseAcknowledgementBody).decision };
  }
}
