import { createHash } from 'node:crypto';
import { checkSignatureMath, LeafKeyCache, SignatureMath } from '@skp/crypto';
import {
  canonicalJson,
  decode,
  Encoding,
  isUuid,
  MAX_MESSAGE_BYTES,
  MESSAGE_TYPES,
  MessageDecodeError,
  MessageType,
  ReasonCode,
  signingInput,
  SkpMessage,
} from '@skp/messages';

/**
 * The half of a message's inspection that needs neither the TrustStore nor the delivery's AMQP
 * properties: size, decode, schema, canonical form, hash, and the signature's math. It runs in an
 * inspection worker or inline; this file imports no Nest and no hub state, so a worker stays small.
 */

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

/** nothing proves who sent it: dead-lettered and recorded, never answered */
export interface Unverifiable {
  kind: 'unverifiable';
  reasonCode: ReasonCode;
  reason: string;
}

/** What the trust-free half found; plain data, so it crosses from a worker thread unchanged. */
export type Examined =
  /** decided without trust: too large, unreadable, schema-invalid without a checkable signature */
  | { kind: 'settled'; inspection: Unverifiable }
  /** well-formed: the signature's math is done, its chain and signer are for the TrustStore */
  | { kind: 'signed'; message: SkpMessage; hash: string; math: SignatureMath }
  /** schema-invalid but carrying a signature over what was parsed, by the sender it names */
  | {
      kind: 'signed-invalid';
      header: LooseHeader & { sender: string };
      hash: string;
      reason: string;
      math: SignatureMath & { ok: true };
    };

export const uninspectable = (): Unverifiable => ({
  kind: 'unverifiable',
  reasonCode: 'MALFORMED',
  reason: 'the message could not be inspected',
});

export function encodingOf(contentType: string): Encoding {
  return /xml/i.test(contentType) ? 'xml' : 'json';
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Never throws: whatever goes wrong reading one message is that message's problem. */
export function examine(content: Buffer, contentType: string, leafKeys: LeafKeyCache): Examined {
  try {
    return examineUnsafe(content, contentType, leafKeys);
  } catch {
    return { kind: 'settled', inspection: uninspectable() };
  }
}

function settled(reasonCode: ReasonCode, reason: string): Examined {
  return { kind: 'settled', inspection: { kind: 'unverifiable', reasonCode, reason } };
}

function examineUnsafe(content: Buffer, contentType: string, leafKeys: LeafKeyCache): Examined {
  if (content.length > MAX_MESSAGE_BYTES) {
    return settled('TOO_LARGE', `message exceeds ${MAX_MESSAGE_BYTES} bytes`);
  }
  let message: SkpMessage;
  try {
    message = decode(content, encodingOf(contentType));
  } catch (error) {
    if (!(error instanceof MessageDecodeError)) {
      return settled('MALFORMED', 'the message cannot be read');
    }
    const reason = summarise(error);
    // A schema-invalid message is answered only when its signature holds (docs/decisions).
    const signed = error.code === 'SCHEMA_INVALID' ? examineParsed(error.parsed, leafKeys) : null;
    if (signed) {
      return { kind: 'signed-invalid', reason, ...signed };
    }
    return settled(
      error.code,
      error.code === 'SCHEMA_INVALID' ? `${reason} (signature not verifiable)` : reason,
    );
  }
  // The canonical form is both the duplicate fingerprint and the signed payload: compute it once.
  const payload = signingInput(message);
  const hash = sha256(payload);
  const math = checkSignatureMath(message.signature, payload, leafKeys);
  if (!math.ok) {
    return settled(math.code, math.reason);
  }
  return { kind: 'signed', message, hash, math };
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

/**
 * The signature of a schema-invalid message: over the canonical JSON of the `{header, body}` the
 * decoder parsed. Worth concluding only when the header names its messageId and sender and the
 * math holds; whether the certificate is trusted and carries that sender's OIN is decided after.
 */
function examineParsed(
  parsed: unknown,
  leafKeys: LeafKeyCache,
): {
  header: LooseHeader & { sender: string };
  hash: string;
  math: SignatureMath & { ok: true };
} | null {
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
  const math = checkSignatureMath(document.signature, payload, leafKeys);
  // any failure means "not verifiable": the trust half could only confirm that
  return math.ok && math.matches
    ? { header: { ...header, sender: header.sender }, hash: sha256(payload), math }
    : null;
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
