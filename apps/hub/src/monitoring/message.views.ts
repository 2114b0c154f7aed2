import type { EventRow, MessageMetaRow } from './message-query.repository';

/** OIN → party name, to label OINs for operators. */
export type PartyNames = ReadonlyMap<string, string>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Metadata of one message as the monitoring API shows it: no body, no signature, no certificate. */
export function toMessageView(r: MessageMetaRow, names: PartyNames) {
  return {
    messageId: r.message_id,
    type: r.type,
    state: r.state,
    reasonCode: r.reason_code,
    sender: r.sender,
    senderName: r.sender ? (names.get(r.sender) ?? null) : null,
    recipient: r.recipient,
    recipientName: r.recipient ? (names.get(r.recipient) ?? null) : null,
    conversationId: r.conversation_id,
    inReplyTo: r.in_reply_to,
    createdAt: iso(r.header_created_at),
    receivedAt: r.received_at.toISOString(),
    routedAt: iso(r.routed_at),
    deliveredAt: iso(r.delivered_at),
    answeredAt: iso(r.answered_at),
    deadlineAt: iso(r.deadline_at),
    finalAt: iso(r.final_at),
    pauseStart: r.pause_start,
    pauseEnd: r.pause_end,
    pausedUntil: r.paused_until,
    declineReason: r.decline_reason,
    conversationState: r.conversation_state,
    preApproval: r.pre_approval,
    contentType: r.content_type,
    bodyStored: r.body_stored,
    purgedAt: iso(r.purged_at),
  };
}

export type MessageView = ReturnType<typeof toMessageView>;

export function toEventView(e: EventRow) {
  return { id: e.id, at: e.at.toISOString(), kind: e.kind, state: e.state, cause: e.cause, detail: e.detail };
}
