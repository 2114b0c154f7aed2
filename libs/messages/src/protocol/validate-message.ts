import { protocolEntry } from './protocol';
import { HeaderDto } from '../validation/header.dto';
import { isPlainObject, validateAgainst } from '../validation/validate-object';
import { violation, Violation } from '../validation/violation';

/** Rules that span header and body, or a parent and its nested object; the type's row says which apply. */
function crossFieldViolations(header: Record<string, unknown>, body: Record<string, unknown>): Violation[] {
  const entry = protocolEntry(header.type);
  if (!entry) {
    return [];
  }
  const found: Violation[] = [];
  if (entry.opensConversation && header.conversationId !== header.messageId) {
    found.push(violation('header.conversationId', 'conversation-is-message-id'));
  }
  if (entry.inReplyTo?.required && header.inReplyTo === undefined) {
    found.push(violation('header.inReplyTo', 'required-for-type'));
  }
  if (entry.carriesDebtor) {
    const debtor = body.debtor;
    const partner = body.partner;
    if (body.variant === 'PUBLIC' && isPlainObject(debtor) && debtor.bsn === undefined) {
      found.push(violation('body.debtor.bsn', 'required-iff-PUBLIC'));
    }
    if (body.variant === 'PRIVATE') {
      for (const [path, person] of [
        ['body.debtor', debtor],
        ['body.partner', partner],
      ] as const) {
        if (isPlainObject(person) && person.bsn !== undefined) {
          found.push(violation(`${path}.bsn`, 'bsn-forbidden-in-PRIVATE'));
        }
      }
    }
  }
  return found;
}

function validateEnvelope(message: unknown, withSignature: boolean): Violation[] {
  if (!isPlainObject(message)) {
    return [violation('', 'not-an-object')];
  }
  const allowed = withSignature ? ['header', 'body', 'signature'] : ['header', 'body'];
  const found: Violation[] = Object.keys(message)
    .filter((key) => !allowed.includes(key))
    .map((key) => violation(key, 'unknown-field'));

  const { header, body } = message;
  if (header === undefined) {
    found.push(violation('header', 'required'));
  } else {
    found.push(...validateAgainst(HeaderDto, header, 'header'));
  }
  const entry = protocolEntry(isPlainObject(header) ? header.type : undefined);
  if (body === undefined) {
    found.push(violation('body', 'required'));
  } else if (entry) {
    found.push(...validateAgainst(entry.body, body, 'body'));
  } else if (!isPlainObject(body)) {
    found.push(violation('body', 'object'));
  }
  if (isPlainObject(header) && isPlainObject(body)) {
    found.push(...crossFieldViolations(header, body));
  }
  if (withSignature) {
    const signature = message.signature;
    if (signature === undefined) {
      found.push(violation('signature', 'required'));
    } else if (typeof signature !== 'string') {
      found.push(violation('signature', 'string'));
    } else if (signature.trim().length === 0) {
      found.push(violation('signature', 'not-blank'));
    }
  }
  return found;
}

/** Every rule a signed message `{header, body, signature}` breaks; empty when valid. Never mutates. */
export function validateMessage(message: unknown): Violation[] {
  return validateEnvelope(message, true);
}

/** Same rules for `{header, body}` before signing (a signature field is then unknown). */
export function validateUnsigned(message: unknown): Violation[] {
  return validateEnvelope(message, false);
}
