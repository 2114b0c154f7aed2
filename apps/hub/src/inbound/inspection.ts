import { concludeVerification, LeafKeyCache, TrustStore } from '@skp/crypto';
import { ReasonCode, SkpMessage } from '@skp/messages';
import { Examined, examine, LooseHeader, uninspectable } from './inspection-examine';
import { PublisherAccountRule, publisherAccountProblem } from './publisher-account';

export { encodingOf, sha256, type LooseHeader } from './inspection-examine';

/** One message as taken from the hub's inbound queue. */
export interface InboundDelivery {
  content: Buffer;
  contentType: string;
  /** the routing key it was published with: the sender's own OIN */
  routingKey: string;
  /** AMQP properties; trusted only as hints when the body is unreadable */
  amqpMessageId?: string;
  amqpType?: string;
  /** AMQP user-id: RabbitMQ refuses a value other than the publishing account's own name */
  amqpUserId?: string;
  /** earlier deliveries of this message (0 on the first); kept with its outcome as evidence */
  deliveryCount?: number;
  /** which account each sender must publish with; the consumer always sets it */
  accounts?: PublisherAccountRule;
}

export type Inspection =
  | { kind: 'valid'; message: SkpMessage; raw: string; hash: string; signerFingerprint: string }
  /**
   * Schema-invalid, but its signature holds for `header.sender` and it came under that sender's
   * routing key: answered with a REJECTED receipt once the signer is proven a registered party.
   */
  | {
      kind: 'invalid';
      header: LooseHeader;
      raw: string;
      hash: string;
      reasonCode: ReasonCode;
      reason: string;
      signerFingerprint: string;
    }
  /** nothing proves who sent it: dead-lettered and recorded, never answered, never recorded under its messageId */
  | { kind: 'unverifiable'; reasonCode: ReasonCode; reason: string };

/** Whether the publisher is the signed sender; each returns why not, or null. */
const PUBLISHER_CHECKS: readonly ((delivery: InboundDelivery, sender: string) => string | null)[] = [
  // With a broker account per party (`<prefix>-<OIN>`) the broker vouches for the publisher.
  (delivery, sender) => publisherAccountProblem(delivery.amqpUserId, sender, delivery.accounts),
  (delivery, sender) =>
    delivery.routingKey === sender ? null : "published under another party's routing key",
];

/** Leaf keys for inspections on this thread (a worker keeps its own). */
const inlineLeafKeys = new LeafKeyCache();

/**
 * The admission checks that need no database, in order: size, decode, schema, signature, broker
 * user and routing key (the publisher is the sender). Never throws: whatever
 * goes wrong reading one message is that message's problem (dead-lettered), never the batch's.
 * The same two halves run split across threads by the inspection workers.
 */
export function inspect(delivery: InboundDelivery, trust: TrustStore, now: Date): Inspection {
  return conclude(delivery, examineInline(delivery), trust, now);
}

/** The trust-free half on this thread: what a worker would have answered for the delivery. */
export function examineInline(delivery: InboundDelivery): Examined {
  return examine(delivery.content, delivery.contentType, inlineLeafKeys);
}

/**
 * The half that needs the live TrustStore and the delivery's AMQP properties: the signer's chain,
 * revocation and dates at `now`, the signer's OIN, and that the publisher is the signed sender.
 */
export function conclude(
  delivery: InboundDelivery,
  examined: Examined,
  trust: TrustStore,
  now: Date,
): Inspection {
  try {
    return concludeUnsafe(delivery, examined, trust, now);
  } catch {
    return uninspectable();
  }
}

function concludeUnsafe(
  delivery: InboundDelivery,
  examined: Examined,
  trust: TrustStore,
  now: Date,
): Inspection {
  switch (examined.kind) {
    case 'settled':
      return examined.inspection;
    case 'signed-invalid': {
      const { header, hash, reason, math } = examined;
      const verdict = concludeVerification(math, trust, header.sender, { now });
      if (verdict.ok && delivery.routingKey === header.sender) {
        const raw = delivery.content.toString('utf8');
        return {
          kind: 'invalid',
          raw,
          reasonCode: 'SCHEMA_INVALID',
          reason,
          header,
          hash,
          signerFingerprint: verdict.leaf.sha256,
        };
      }
      return {
        kind: 'unverifiable',
        reasonCode: 'SCHEMA_INVALID',
        reason: `${reason} (signature not verifiable)`,
      };
    }
    case 'signed': {
      const { message, hash, math } = examined;
      const verdict = concludeVerification(math, trust, message.header.sender, { now });
      if (!verdict.ok) {
        return { kind: 'unverifiable', reasonCode: verdict.code, reason: verdict.reason };
      }
      for (const check of PUBLISHER_CHECKS) {
        const problem = check(delivery, message.header.sender);
        if (problem) {
          // A valid signature does not prove who published it here: nobody is answered.
          return { kind: 'unverifiable', reasonCode: 'SENDER_MISMATCH', reason: problem };
        }
      }
      const raw = delivery.content.toString('utf8');
      return { kind: 'valid', message, raw, hash, signerFingerprint: verdict.leaf.sha256 };
    }
  }
}

export function looseHeaderOf(message: SkpMessage): LooseHeader {
  const h = message.header;
  return {
    messageId: h.messageId,
    type: h.type,
    sender: h.sender,
    recipient: h.recipient,
    conversationId: h.conversationId,
    inReplyTo: h.inReplyTo ?? null,
    createdAt: h.createdAt,
  };
}
