import type { AmqpNames, Verdict } from '@skp/messages';
import type { OutgoingMessage } from '@skp/platform';
import type { ProtocolLookup } from './admission-types';
import { deadLetterOf, messageRow, receiptIdOf, timelineEvent, toPartyQueue } from './effect-builders';
import type { NewEventRow } from '../delivery-record/record-rows';
import type { Effects } from './effects';
import type { InboundDelivery, LooseHeader } from './inspection';
import type { KnownRecord } from './known-record';
import type { ReceiptFactory, ReceiptSubject } from './receipt-factory';

/** What the effect builders need besides the message: queue names, receipts and the protocol. */
export interface EffectTools {
  names: AmqpNames;
  receipts: ReceiptFactory;
  protocol: ProtocolLookup;
}

/** A message the hub cannot read as one of the protocol's types is still answered to its proven sender. */
export function getsReceipt(tools: EffectTools, type: string): boolean {
  return tools.protocol(type)?.receipt ?? true;
}

export interface IssuedReceipt {
  raw: string;
  publish: OutgoingMessage;
  /** the RECEIPT_ISSUED event on the message the receipt is about */
  event: NewEventRow;
}

/** The hub's signed ACCEPTED (no verdict) or REJECTED receipt, to the sender's queue. */
export function issueReceipt(
  tools: EffectTools,
  about: ReceiptSubject,
  now: Date,
  verdict: Verdict | null,
): IssuedReceipt {
  const receipt = verdict
    ? tools.receipts.rejected(about, verdict.reasonCode, verdict.reason)
    : tools.receipts.accepted(about);
  return {
    raw: receipt.raw,
    publish: toPartyQueue(tools.names, about.sender, receipt.messageId, 'DeliveryReceipt', receipt.raw),
    event: timelineEvent(
      about.messageId,
      now,
      'RECEIPT_ISSUED',
      null,
      receipt.messageId,
      verdict ? { status: 'REJECTED', reasonCode: verdict.reasonCode } : { status: 'ACCEPTED' },
    ),
  };
}

/**
 * Nobody is proven to have sent it (unreadable, signature or certificate not holding, signer not
 * registered for the sender, published by another party, or a messageId that is someone else's):
 * to the dead-letter queue with its AMQP headers, size and SHA-256, never its body. No receipt, no
 * message row, no event on a message with that messageId: the hub says nothing signed about it.
 */
export function deadLetterEffects(tools: EffectTools, delivery: InboundDelivery, verdict: Verdict): Effects {
  return {
    events: [],
    moves: [],
    outbox: [deadLetterOf(tools.names, delivery, verdict.reasonCode, verdict.reason)],
    outcome: { type: 'Unknown', outcome: 'dead_lettered', reasonCode: verdict.reasonCode },
  };
}

/** What a rejected message is kept as: its text exactly as received, and its content hash. */
export interface Received {
  raw: string;
  hash: string;
}

/** A proven sender broke a rule: recorded as REJECTED, and that sender gets a signed receipt. */
export function rejectedEffects(
  tools: EffectTools,
  delivery: InboundDelivery,
  header: LooseHeader,
  received: Received,
  verdict: Verdict,
  now: Date,
): Effects {
  const row = messageRow(header, delivery, now, {
    state: 'REJECTED',
    reasonCode: verdict.reasonCode,
    contentHash: received.hash,
    // Postgres text holds no NUL character (an XML comment may carry one): such a body is not kept.
    raw: received.raw.includes('\u0000') ? null : received.raw,
    finalAt: now,
  });
  const effects: Effects = {
    insert: row,
    events: [
      timelineEvent(header.messageId, now, 'RECEIVED', 'RECEIVED', header.sender, {
        deliveryCount: delivery.deliveryCount ?? 0,
      }),
      timelineEvent(header.messageId, now, 'REJECTED', 'REJECTED', null, {
        reasonCode: verdict.reasonCode,
        reason: verdict.reason,
      }),
    ],
    moves: [],
    outbox: [],
    outcome: { type: header.type, outcome: 'rejected', reasonCode: verdict.reasonCode },
  };
  if (getsReceipt(tools, header.type) && header.sender) {
    const receipt = issueReceipt(tools, subjectOf(header, header.sender), now, verdict);
    row.receiptRaw = receipt.raw;
    effects.outbox.push(receipt.publish);
    effects.events.push(receipt.event);
  }
  return effects;
}

/**
 * Same messageId again. From the original's sender: same content gets the same receipt again,
 * other content is DUPLICATE_CONFLICT. From anyone else it is a forgery: the messageId is not
 * theirs, so it is dead-lettered and the original's record stays untouched.
 */
export function duplicateEffects(
  tools: EffectTools,
  delivery: InboundDelivery,
  existing: KnownRecord,
  header: LooseHeader,
  hash: string,
  now: Date,
): Effects {
  const sender = header.sender;
  if (!sender || existing.sender !== sender) {
    return deadLetterEffects(tools, delivery, {
      reasonCode: 'DUPLICATE_CONFLICT',
      reason: "messageId belongs to another sender's message; not answered",
    });
  }
  if (existing.contentHash === hash) {
    const resent = existing.receiptRaw;
    return {
      events: [
        timelineEvent(existing.messageId, now, 'DUPLICATE', null, null, { receiptResent: resent !== null }),
      ],
      moves: [],
      outbox: resent
        ? [toPartyQueue(tools.names, sender, receiptIdOf(resent), 'DeliveryReceipt', resent)]
        : [],
      outcome: { type: existing.type, outcome: 'duplicate' },
    };
  }
  const verdict: Verdict = {
    reasonCode: 'DUPLICATE_CONFLICT',
    reason: 'messageId was used before for other content',
  };
  return {
    events: [
      timelineEvent(existing.messageId, now, 'DUPLICATE_CONFLICT', null, null, {
        reasonCode: verdict.reasonCode,
      }),
    ],
    moves: [],
    outbox: getsReceipt(tools, header.type)
      ? [issueReceipt(tools, subjectOf(header, sender), now, verdict).publish]
      : [],
    outcome: { type: header.type, outcome: 'rejected', reasonCode: verdict.reasonCode },
  };
}

function subjectOf(header: LooseHeader, sender: string): ReceiptSubject {
  return {
    messageId: header.messageId,
    sender,
    conversationId: header.conversationId ?? header.messageId,
  };
}
