import type { DeadlineKind, MoveState, ProtocolEntry } from '@skp/messages';
import { forwardAsReceived, messageRow, timelineEvent } from './effect-builders';
import type { StateMove } from '../delivery-record/record-rows';
import type { Effects } from './effects';
import { InboundDelivery, Inspection, looseHeaderOf } from './inspection';
import { EffectTools, issueReceipt } from './outcome-effects';

export type ValidInspection = Extract<Inspection, { kind: 'valid' }>;

/** Maps a protocol move onto the record's two kinds of message state move. */
function stateMoveOf(
  messageId: string,
  at: Date,
  state: MoveState,
  facts: Record<string, string>,
): StateMove {
  return state === 'DELIVERED'
    ? { kind: 'delivered', messageId, at }
    : {
        kind: 'answered',
        messageId,
        at,
        decision: state,
        pausedUntil: facts.pausedUntil ?? null,
        declineReason: facts.declineReason ?? null,
        preApproval: facts.preApproval === undefined ? null : facts.preApproval === 'true',
      };
}

/**
 * An admitted message: forwarded as received to its recipient, and what its protocol row asks
 * for: the hub's ACCEPTED receipt, the answer deadline and the state move on an earlier message.
 * A message to the hub itself (a HelpRequestAcknowledgement, a DELIVERED receipt about a
 * HelpRequest) is delivered by being recorded: it goes to nobody's queue.
 */
export function routedEffects(
  tools: EffectTools,
  delivery: InboundDelivery,
  inspection: ValidInspection,
  entry: ProtocolEntry,
  now: Date,
  deadline: (kind: DeadlineKind) => Date,
): Effects {
  const { message, raw } = inspection;
  const { header } = message;
  const pause = entry.pause?.(message.body);
  const toHub = header.recipient === tools.receipts.hubOin;
  const row = messageRow(looseHeaderOf(message), delivery, now, {
    state: toHub ? 'DELIVERED' : 'ROUTED',
    contentHash: inspection.hash,
    raw,
    signerFingerprint: inspection.signerFingerprint,
    routedAt: now,
    // a message awaiting its answer is not final yet
    deadlineAt: entry.answerDeadline ? deadline(entry.deadlineKind ?? 'ANSWER') : null,
    finalAt: entry.answerDeadline ? null : now,
    pauseStart: pause?.start ?? null,
    pauseEnd: pause?.end ?? null,
    conversationState: entry.conversationState?.opens ?? null,
  });
  const effects: Effects = {
    insert: row,
    events: [
      timelineEvent(header.messageId, now, 'RECEIVED', 'RECEIVED', header.sender),
      toHub
        ? timelineEvent(header.messageId, now, 'DELIVERED', 'DELIVERED', header.recipient)
        : timelineEvent(header.messageId, now, 'ROUTED', 'ROUTED', header.recipient),
    ],
    moves: [],
    outbox: toHub
      ? []
      : [forwardAsReceived(tools.names, delivery, header.recipient, header.messageId, header.type)],
    outcome: { type: header.type, outcome: 'routed' },
  };
  if (entry.receipt) {
    const { messageId, sender, conversationId } = header;
    const receipt = issueReceipt(tools, { messageId, sender, conversationId }, now, null);
    row.receiptRaw = receipt.raw;
    effects.outbox.push(receipt.publish);
    effects.events.push(receipt.event);
  }
  const move = entry.move;
  const target = move?.target === 'inReplyTo' ? header.inReplyTo : header.conversationId;
  if (move && target) {
    const state = move.state(message);
    const facts = move.facts(message);
    effects.moves.push(stateMoveOf(target, now, state, facts));
    effects.events.push(timelineEvent(target, now, move.event, state, header.messageId, facts));
  }
  const conversation = entry.conversationState;
  if (conversation?.moves && header.conversationId !== header.messageId) {
    effects.moves.push({
      kind: 'conversation',
      messageId: header.conversationId,
      at: now,
      state: conversation.moves(message),
      cause: header.messageId,
      type: header.type,
    });
  }
  return effects;
}
