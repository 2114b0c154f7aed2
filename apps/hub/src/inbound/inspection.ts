import { createHash } from 'node:crypto';
import { TrustStore, verifyDetached } from '@skp/crypto';
import {
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
  /** readable header, but the message breaks a rule or its signature does not hold */
  | {
      kind: 'invalid';
      header: LooseHeader;
      raw: string;
      hash: string;
      reasonCode: ReasonCode;
      reason: string;
    }
  /** nothing trustworthy to record it under: it goes to the dead-letter queue */
  | { kind: 'unreadable'; reasonCode: ReasonCode; reason: string };

export function encodingOf(contentType: string): Encoding {
  return /xml/i.test(contentType) ? 'xml' : 'json';
}

/** Size, syntax, schema and signature: everything that needs no database. */
export function inspect(delivery: InboundDelivery, trust: TrustStore, now: Date): Inspection {
  if (delivery.content.length > MAX_MESSAGE_BYTES) {
    return {
      kind: 'unreadable',
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
      throw error;
    }
    const header = encoding === 'json' ? looseHeader(raw) : null;
    const reason = summarise(error);
    if (error.code === 'SCHEMA_INVALID' && header) {
      return { kind: 'invalid', header, raw, hash: sha256(raw), reasonCode: 'SCHEMA_INVALID', reason };
    }
    return { kind: 'unreadable', reasonCode: error.code, reason };
  }
  // The canonical form is both the duplicate fingerprint and the signed payload: compute it once.
  const payload = signingInput(message);
  const hash = sha256(payload);
  const header = looseHeaderOf(message);
  const verdict = verifyDetached(message.signature, payload, trust, message.header.sender, { now });
  if (!verdict.ok) {
    return { kind: 'invalid', header, raw, hash, reasonCode: verdict.code, reason: verdict.reason };
  }
  // With a broker account per party (`<prefix>-<OIN>`) the broker vouches for the publisher.
  const accountProblem = publisherAccountProblem(
    delivery.amqpUserId,
    message.header.sender,
    delivery.accounts,
  );
  if (accountProblem) {
    return { kind: 'invalid', header, raw, hash, reasonCode: 'SENDER_MISMATCH', reason: accountProblem };
  }
  if (delivery.routingKey !== message.header.sender) {
    return {
      kind: 'invalid',
      header,
      raw,
      hash,
      reasonCode: 'SENDER_MISMATCH',
      reason: "published under another party's routing key",
    };
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

/** Reads what can be read of a schema-invalid JSON header, so the rejection reaches its sender. */
function looseHeader(raw: string): LooseHeader | null {
  try {
    const parsed: unknown = JSON.parse(raw);
    const header = (parsed as { header?: Record<string, unknown> } | null)?.header;
    if (!header || !isUuid(header.messageId)) {
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
  } catch {
    return null;
  }
}
