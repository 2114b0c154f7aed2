import { createHash } from 'node:crypto';
import { TrustStore, verifyDetached } from '@skp/crypto';
import {
  canonicalJson,
  decode,
  Encoding,
  MAX_MESSAGE_BYTES,
  isUuid,
  MESSAGE_TYPES,
  MessageDecodeError,
  MessageType,
  ReasonCode,
  signingInput,
  SkpMessage,
} from '@skp/messages';
import { PublisherAccountRule, publisherAccountProblem } from './publisher-account';

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

/** The header fields the hub could read from a message it rejects (possibly unverified). */
export interface LooseHeader {
  messageId: string;
  type: string;
  sender: string | null;
  recipient: string | null;
  conversationId: string | null;
  inReplyTo: string | null;
  createdAt: string | null;
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

export function encodingOf(contentType: string): Encoding {
  return /xml/i.test(contentType) ? 'xml' : 'json';
}

/** Whether the publisher is the signed sender; each returns why not, or null. */
const PUBLISHER_CHECKS: readonly ((delivery: InboundDelivery, sender: string) => string | null)[] = [
  // With a broker account per party (`<prefix>-<OIN>`) the broker vouches for the publisher.
  (delivery, sender) => publisherAccountProblem(delivery.amqpUserId, sender, delivery.accounts),
  (delivery, sender) =>
    delivery.routingKey === sender ? null : "published under another party's routing key",
];

/**
 * The admission checks that need no database, in order: size, decode, schema, signature, broker
 * user and routing key (the publisher is the sender). Never throws: whatever
 * goes wrong reading one message is that message's problem (dead-lettered), never the batch's.
 */
export function inspect(delivery: InboundDelivery, trust: TrustStore, now: Date): Inspection {
  try {
    return inspectUnsafe(delivery, trust, now);
  } catch {
    return { kind: 'unverifiable', reasonCode: 'MALFORMED', reason: 'the message could not be inspected' };
  }
}

function inspectUnsafe(delivery: InboundDelivery, trust: TrustStore, now: Date): Inspection {
  if (delivery.content.length > MAX_MESSAGE_BYTES) {
    return {
      kind: 'unverifiable',
      reasonCode: 'TOO_LARGE',
      reason: `message exceeds ${MAX_MESSAGE_BYTES} bytes`,
    };
  }
  const raw = delivery.content.toString('utf8');
  const encoding = encodingOf(delivery.contentType);
  let message: SkpMessage;
  try {
    message = decode(delivery.content, encoding);
  } catch (error) {
    if (!(error instanceof MessageDecodeError)) {
      return { kind: 'unverifiable', reasonCode: 'MALFORMED', reason: 'the message cannot be read' };
    }
    const reason = summarise(error);
    // A schema-invalid message is answered only when its signature holds (docs/decisions).
    const signed = error.code === 'SCHEMA_INVALID' ? verifyParsed(error.parsed, trust, now) : null;
    if (signed && delivery.routingKey === signed.header.sender) {
      return { kind: 'invalid', raw, reasonCode: 'SCHEMA_INVALID', reason, ...signed };
    }
    return {
      kind: 'unverifiable',
      reasonCode: error.code,
      reason: error.code === 'SCHEMA_INVALID' ? `${reason} (signature not verifiable)` : reason,
    };
  }
  // The canonical form is both the duplicate fingerprint and the signed payload: compute it once.
  const payload = signingInput(message);
  const hash = sha256(payload);
  const verdict = verifyDetached(message.signature, payload, trust, message.header.sender, { now });
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
  return { kind: 'valid', message, raw, hash, signerFingerprint: verdict.leaf.sha256 };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Field paths and rules only: a violation's value may be personal data. */
function summarise(error: MessageDecodeError): string {
  if (error.violations.length === 0) {
    return error.message;
  }
  const shown = error.violations.slice(0, 8).map((v) => `${v.path}: ${v.rule}`);
  const more = error.violations.length > 8 ? ` (+${error.violations.length - 8} more)` : '';
  return `${shown.join('; ')}${more}`;
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

/**
 * The signature check of a schema-invalid message: over the canonical JSON of the `{header, body}`
 * the decoder parsed. Holds only when that is exactly what the sender signed, the header names its
 * messageId and sender, and the certificate is trusted and carries that sender's OIN.
 */
function verifyParsed(
  parsed: unknown,
  trust: TrustStore,
  now: Date,
): { header: LooseHeader; hash: string; signerFingerprint: string } | null {
  const document = parsed as { header?: unknown; body?: unknown; signature?: unknown } | null;
  if (typeof document !== 'object' || document === null || typeof document.signature !== 'string') {
    return null;
  }
  const header = looseHeader(document.header);
  if (!header?.sender) {
    return null;
  }
  let payload: string;
  try {
    payload = canonicalJson({ header: document.header, body: document.body });
  } catch {
    return null;
  }
  const verdict = verifyDetached(document.signature, payload, trust, header.sender, { now });
  return verdict.ok ? { header, hash: sha256(payload), signerFingerprint: verdict.leaf.sha256 } : null;
}

/** What can be read of a schema-invalid header (its signature is checked before it is believed). */
function looseHeader(value: unknown): LooseHeader | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null;
  }
  const header = value as Record<string, unknown>;
  if (!isUuid(header.messageId)) {
    return null;
  }
  const text = (v: unknown, pattern?: RegExp): string | null =>
    typeof v === 'string' && (!pattern || pattern.test(v)) ? v : null;
  return {
    messageId: header.messageId,
    type: MESSAGE_TYPES.includes(header.type as MessageType) ? (header.type as string) : 'Unknown',
    sender: text(header.sender, /^\d{20}$/),
    recipient: text(header.recipient, /^\d{20}$/),
    conversationId: isUuid(header.conversationId) ? header.conversationId : null,
    inReplyTo: isUuid(header.inReplyTo) ? header.inReplyTo : null,
    createdAt: null,
  };
}
