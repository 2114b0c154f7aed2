import { Encoding, MAX_MESSAGE_BYTES, SkpMessage } from '../types';
import { validateMessage } from '../protocol/validate-message';
import { isPlainObject } from '../validation/validate-object';
import { violation, Violation } from '../validation/violation';
import { canonicalJson } from './canonical-json';
import { MessageDecodeError } from './decode-error';
import { scanStructure } from './structure';
import { decodeXml } from './xml-decode';
import { encodeXml } from './xml-encode';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readText(input: Buffer | string): string {
  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > MAX_MESSAGE_BYTES) {
      throw new MessageDecodeError('TOO_LARGE', [violation('', 'too-large')]);
    }
    return input.replace(/^\uFEFF/, '');
  }
  if (!Buffer.isBuffer(input)) {
    throw new MessageDecodeError('MALFORMED', [violation('', 'not-an-object')]);
  }
  if (input.length > MAX_MESSAGE_BYTES) {
    throw new MessageDecodeError('TOO_LARGE', [violation('', 'too-large')]);
  }
  try {
    return utf8.decode(input); // also drops a leading BOM
  } catch {
    throw new MessageDecodeError('MALFORMED', [violation('', 'utf-8')]);
  }
}

function parse(text: string, encoding: Encoding): { message: unknown; violations: Violation[] } {
  if (encoding === 'xml') {
    return decodeXml(text);
  }
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    throw new MessageDecodeError('MALFORMED', [violation('', 'json-syntax')]);
  }
  if (!isPlainObject(message)) {
    throw new MessageDecodeError('MALFORMED', [violation('', 'not-an-object')]);
  }
  return { message, violations: [] };
}

/**
 * Bytes or text → a valid message, exactly as sent (nothing defaulted, so signatures still verify).
 * Throws only MessageDecodeError: TOO_LARGE (> 256 KiB), MALFORMED (unreadable), SCHEMA_INVALID
 * (also for hostile shapes: a NUL character anywhere, even in an XML comment; `__proto__`,
 * `constructor` or `prototype` as a name; nesting deeper than 32 levels). A SCHEMA_INVALID error
 * carries the parsed document (`parsed`) unless it was too deep to look at.
 */
export function decode(input: Buffer | string, encoding: Encoding = 'json'): SkpMessage {
  try {
    if (encoding !== 'json' && encoding !== 'xml') {
      throw new MessageDecodeError('MALFORMED', [violation('', 'unknown-encoding')]);
    }
    const text = readText(input);
    const { message, violations } = parse(text, encoding);
    const structure = scanStructure(message);
    if (structure.tooDeep) {
      throw new MessageDecodeError('SCHEMA_INVALID', [violation('', 'nesting-limit')]);
    }
    const hostile = structure.forbidden.map((path) => violation(path, 'forbidden-name'));
    if (text.includes('\u0000')) {
      hostile.push(violation('', 'nul-byte'));
    }
    const all = [...hostile, ...violations, ...validateMessage(message)];
    if (all.length > 0) {
      throw new MessageDecodeError('SCHEMA_INVALID', all, undefined, message);
    }
    return message as SkpMessage;
  } catch (error) {
    if (error instanceof MessageDecodeError) {
      throw error;
    }
    // Anything else (e.g. absurd nesting overflowing the stack) still means "cannot read this".
    throw new MessageDecodeError('MALFORMED', [violation('', 'unreadable')]);
  }
}

/** A message (signed or not) as JSON or XML text. Does not validate; validate before signing. */
export function encode(
  message: SkpMessage | { header: SkpMessage['header']; body: SkpMessage['body']; signature?: string },
  encoding: Encoding = 'json',
): string {
  return encoding === 'xml' ? encodeXml(message) : JSON.stringify(message);
}

/** What a signature covers: the RFC 8785 canonical JSON of `{header, body}`. */
export function signingInput(message: Pick<SkpMessage, 'header' | 'body'>): string {
  return canonicalJson({ header: message.header, body: message.body });
}
