/** One broken rule. `message` never contains the offending value: it may be personal data. */
export interface Violation {
  /** dotted path, e.g. `body.debtor.bsn` (empty for the whole message) */
  path: string;
  /** short machine name, e.g. `bsn-11-proef`, `required`, `unknown-field`, `required-iff-PAUSED` */
  rule: string;
  message: string;
}

const RULE_TEXT: Record<string, string> = {
  required: 'is required',
  'unknown-field': 'is not a field of this message',
  object: 'must be an object',
  array: 'must be an array',
  string: 'must be a string',
  'not-blank': 'must not be empty or blank',
  'text-characters':
    'contains characters that are not allowed (control characters, or line breaks in a one-line field)',
  'one-of': 'is not one of the allowed values',
  uuid: 'must be a lowercase UUID',
  oin: 'must be a valid OIN (20 digits, known prefix and suffix rule)',
  'iso-date': 'must be a real calendar date in the form YYYY-MM-DD',
  'rfc3339-utc': 'must be an RFC 3339 UTC timestamp ending in Z',
  postcode: 'must be a Dutch postcode in the form 1234AB',
  gemeentecode: 'must be a 4-digit CBS gemeentecode',
  email: 'must be an e-mail address',
  'bsn-format': 'must be a BSN of 9 digits',
  'bsn-11-proef': 'is not a valid BSN (fails the 11-proef)',
  'bsn-forbidden-in-PRIVATE': 'must be absent in a PRIVATE Kennisgeving',
  integer: 'must be a whole number',
  'schema-version': 'must be "1.0"',
  'house-letter': 'must be a single letter',
  'house-number-addition': 'must be 1 to 4 letters or digits',
  'pause-end-after-start': 'must be after the pause start',
  'pause-max-8-months': 'must be at most 8 calendar months after the pause start',
  'conversation-is-message-id': 'must equal header.messageId for a Kennisgeving',
  'required-for-type': 'is required for this message type',
  'too-deep': 'is nested deeper than any message field',
  'nesting-limit': 'the message is nested deeper than 32 levels',
  'forbidden-name': 'is a name that is never accepted (__proto__, constructor, prototype)',
  'nul-byte': 'the message contains a NUL character',
  'not-an-object': 'the message must be a JSON object',
  'too-large': 'the message is larger than 256 KiB',
  'utf-8': 'the message is not valid UTF-8',
  'json-syntax': 'the message is not valid JSON',
  'xml-syntax': 'the message is not well-formed XML',
  'xml-doctype': 'XML with a DOCTYPE or entity declarations is not accepted',
  'xml-root': 'the XML root element must be <Bericht>',
  'xml-namespace': 'must be in namespace urn:nl:schuldenknooppunt:berichten:1 (as the default namespace)',
  'unknown-attribute': 'is not an allowed XML attribute',
  'unexpected-text': 'contains text between child elements',
  'xsi-type-mismatch': 'has an xsi:type that does not match header.type',
  'unknown-encoding': 'the encoding must be json or xml',
  unreadable: 'the message cannot be read',
  boolean: 'must be true or false',
  objects: 'must be a list of objects',
  'payout-percentage': 'must be a percentage with two decimals from "0.00" to "100.00", as a string',
  'claims-empty-when-unknown': 'must be empty when the debtor is not known (known: false)',
  'claims-required-when-known': 'must list at least one claim when the debtor is known',
  'sum-of-claims': "must equal the sum of the claims' outstandingAmountCents",
  'offered-follows-percentage': 'must equal round(creditorTotalCents × payoutPercentage / 100)',
  'at-most-total-debt': 'must not exceed totalDebtCents',
  'after-start-date': 'must be after startDate',
  'pre-approval-only-when-ACCEPTED': 'may only be true when the decision is ACCEPTED',
};

/** Texts already spelled out; rule names come from the code, so they are few (bounded all the same). */
const described = new Map<string, string>();
const DESCRIBED_KEPT = 1000;

/** Human text for a rule; parameterised rules (`max-length-200`, `required-iff-PAUSED`) are spelled out. */
export function describeRule(rule: string): string {
  let text = described.get(rule);
  if (text === undefined) {
    text = spellOut(rule);
    if (described.size < DESCRIBED_KEPT) {
      described.set(rule, text);
    }
  }
  return text;
}

function spellOut(rule: string): string {
  const known = Object.hasOwn(RULE_TEXT, rule) ? RULE_TEXT[rule] : undefined;
  if (known) {
    return known;
  }
  const param = /^(max-length|minimum|maximum|required-iff|forbidden-unless)-(.+)$/.exec(rule);
  if (param) {
    const [, kind, value] = param;
    switch (kind) {
      case 'max-length':
        return `must be at most ${value} characters`;
      case 'minimum':
        return `must be at least ${value}`;
      case 'maximum':
        return `must be at most ${value}`;
      case 'required-iff':
        return `is required when the deciding field is ${value}`;
      default:
        return `must be absent unless the deciding field is ${value}`;
    }
  }
  return `breaks rule ${rule}`;
}

/** Paths are built from the sender's own names: no control characters, and a bounded length. */
function safePath(path: string): string {
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean;
}

export function violation(path: string, rule: string): Violation {
  const shown = safePath(path);
  return { path: shown, rule, message: `${shown || 'message'} ${describeRule(rule)}` };
}
