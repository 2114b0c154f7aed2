import { createHash } from 'node:crypto';
import type { AmqpNames, ReasonCode } from '@skp/messages';
import type { OutgoingMessage } from '@skp/platform';
import type { NewEventRow, NewMessageRow } from '../delivery-record/record-rows';
import type { InboundDelivery, LooseHeader } from './inspection';
import type { KnownRecord } from './known-record';

/** Pure builders of the pipeline's effects: rows, timeline events and publishes. */

export function messageRow(
  header: LooseHeader,
  delivery: InboundDelivery,
  now: Date,
  fields: Partial<NewMessageRow> & Pick<NewMessageRow, 'state'>,
): NewMessageRow {
  return {
    messageId: header.messageId,
    type: header.type,
    sender: header.sender,
    recipient: header.recipient,
    conversationId: header.conversationId,
    inReplyTo: header.inReplyTo,
    headerCreatedAt: header.createdAt,
    receivedAt: now,
    reasonCode: null,
    contentHash: null,
    contentType: delivery.contentType,
    raw: null,
    signerFingerprint: null,
    routedAt: null,
    deadlineAt: null,
    finalAt: null,
    pauseStart: null,
    pauseEnd: null,
    receiptRaw: null,
    conversationState: null,
    ...fields,
  };
}

/** The message exactly as received, to the recipient's queue. */
export function forwardAsReceived(
  names: AmqpNames,
  delivery: InboundDelivery,
  recipient: string,
  messageId: string,
  type: string,
): OutgoingMessage {
  return {
    exchange: names.deliver,
    routingKey: recipient,
    content: delivery.content,
    options: { persistent: true, messageId, type, contentType: delivery.contentType },
  };
}

/**
 * An inbound message to the dead-letter exchange as evidence: its AMQP properties, the publisher's
 * routing key and user-id, its size and SHA-256, and the reason. Never its body: an unverified or
 * oversized body is nobody's proven message and may carry personal data.
 */
export function deadLetterOf(
  names: AmqpNames,
  delivery: InboundDelivery,
  reasonCode: ReasonCode,
  reason: string,
): OutgoingMessage {
  return {
    exchange: names.dlx,
    routingKey: delivery.routingKey,
    content: Buffer.alloc(0),
    options: {
      persistent: true,
      contentType: delivery.contentType,
      ...(delivery.amqpMessageId ? { messageId: delivery.amqpMessageId } : {}),
      ...(delivery.amqpType ? { type: delivery.amqpType } : {}),
      headers: {
        'x-skp-reason-code': reasonCode,
        'x-skp-reason': reason,
        'x-skp-queue': names.hubInbound,
        'x-skp-routing-key': delivery.routingKey,
        'x-skp-body': 'omitted',
        'x-skp-size': delivery.content.length,
        'x-skp-sha256': createHash('sha256').update(delivery.content).digest('hex'),
        'x-skp-delivery-count': delivery.deliveryCount ?? 0,
        ...(delivery.amqpUserId ? { 'x-skp-user-id': delivery.amqpUserId } : {}),
      },
    },
  };
}

/** A message the hub made (a receipt), to a party's queue. */
export function toPartyQueue(
  names: AmqpNames,
  oin: string,
  messageId: string,
  type: string,
  raw: string,
): OutgoingMessage {
  return {
    exchange: names.deliver,
    routingKey: oin,
    content: Buffer.from(raw, 'utf8'),
    options: { persistent: true, messageId, type, contentType: 'application/json' },
  };
}

export function timelineEvent(
  messageId: string,
  at: Date,
  kind: NewEventRow['kind'],
  state: NewEventRow['state'],
  cause: string | null,
  detail: Record<string, unknown> | null = null,
): NewEventRow {
  return { messageId, at, kind, state, cause, detail };
}

export function knownRecordOf(row: NewMessageRow): KnownRecord {
  return {
    messageId: row.messageId,
    type: row.type,
    sender: row.sender,
    recipient: row.recipient,
    conversationId: row.conversationId,
    state: row.state,
    pauseStart: row.pauseStart,
    pauseEnd: row.pauseEnd,
    conversationState: row.conversationState,
    contentHash: row.contentHash,
    receiptRaw: row.receiptRaw,
  };
}

export function receiptIdOf(raw: string): string {
  return (JSON.parse(raw) as { header: { messageId: string } }).header.messageId;
}
