/**
 * Writes docs/messages.md, the message catalogue (DESIGN §3 and §5): per message type its purpose,
 * its fields and one full example in JSON and XML, plus reason codes and AMQP names.
 *
 *   npx ts-node -r tsconfig-paths/register --transpile-only scripts/generate-message-docs.ts [OUT]
 *
 * The examples are built from fixed values, checked with validateMessage and signed with a
 * throw-away dev CA. Keys are random per run, so the signatures (and only they) change on every
 * run; `normaliseSignatures` blanks them for comparison (test/message-docs.e2e-spec.ts).
 */
import { loadSigningIdentity, signMessage, SigningIdentity, TrustStore, verifyMessage } from '@skp/crypto';
import { createDevCa, issuePartyCertificate } from '@skp/crypto/dev';
import {
  amqpNames,
  DECLINE_REASONS,
  encode,
  END_REASONS,
  MESSAGE_TYPES,
  MessageType,
  PROTOCOL,
  PROGRESS_STATUSES,
  REASON_CODES,
  ReasonCode,
  RECEIPT_STATUSES,
  SkpMessage,
  UnsignedMessage,
  validateMessage,
  XML_NAMESPACE,
} from '@skp/messages';
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  COLLECTIVE_BODY_ROWS,
  COLLECTIVE_PURPOSE,
  collectiveExamples,
  collectiveSection,
  table,
} from './message-docs/collective';
import {
  HELP_REQUEST_BODY_ROWS,
  HELP_REQUEST_PURPOSE,
  helpRequestExamples,
  helpRequestSection,
} from './message-docs/help-request';
import { dirname, resolve } from 'node:path';

export const DEFAULT_OUTPUT = 'docs/messages.md';

/** A detached compact JWS (`<protected>..<signature>`) as it appears in the examples. */
const DETACHED_JWS = /eyJ[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+/g;
export const SIGNATURE_PLACEHOLDER = '<detached JWS>';

/** The catalogue with every signature replaced by a placeholder: what must not drift. */
export function normaliseSignatures(markdown: string): string {
  return markdown.replace(DETACHED_JWS, SIGNATURE_PLACEHOLDER);
}

const OIN = {
  hub: '00000099000000000001',
  municipality: '00000001002220647000',
  publicCreditor: '00000099100000000002',
};

const ID = {
  kennisgeving: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b01',
  acknowledgement: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b02',
  progress: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b03',
  receipt: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b04',
};

/** The example thread: Utrecht asks the public creditor for a pause, which confirms it; a Schuldregeling follows. */
const KENNISGEVING: UnsignedMessage<'Kennisgeving'> = {
  header: {
    messageId: ID.kennisgeving,
    type: 'Kennisgeving',
    schemaVersion: '1.0',
    sender: OIN.municipality,
    recipient: OIN.publicCreditor,
    conversationId: ID.kennisgeving,
    createdAt: '2025-03-03T09:15:00Z',
  },
  body: {
    variant: 'PUBLIC',
    debtor: {
      bsn: '111222333',
      initials: 'J.',
      givenNames: 'Jan',
      surnamePrefix: 'de',
      surname: 'Vries',
      birthDate: '1980-05-17',
      address: {
        street: 'Stadsplateau',
        houseNumber: 1,
        houseLetter: 'A',
        postcode: '3521AZ',
        city: 'Utrecht',
      },
    },
    partner: { bsn: '123456782', givenNames: 'Maria', surname: 'Jansen', birthDate: '1982-11-02' },
    municipality: { code: '0344', name: 'Utrecht' },
    counsellor: {
      organisation: 'Gemeente Utrecht',
      name: 'A. Consulent',
      email: 'schuldhulp@utrecht.example',
      phone: '030-2860000',
    },
    caseReference: 'UTR-2025-000123',
    creditorCustomerNumber: 'K-998877',
    invoiceNumbers: ['F-2024-0101', 'F-2024-0202'],
    admissionDate: '2025-02-24',
    signal: 4,
    pause: { start: '2025-03-03', end: '2025-07-03' },
  },
};

const EXAMPLES: { [K in MessageType]: UnsignedMessage<K> } = {
  Kennisgeving: KENNISGEVING,
  PauseAcknowledgement: {
    header: {
      messageId: ID.acknowledgement,
      type: 'PauseAcknowledgement',
      schemaVersion: '1.0',
      sender: OIN.publicCreditor,
      recipient: OIN.municipality,
      conversationId: ID.kennisgeving,
      inReplyTo: ID.kennisgeving,
      createdAt: '2025-03-03T09:16:30Z',
    },
    body: {
      decision: 'PAUSED',
      pausedUntil: '2025-07-03',
      creditorCustomerNumber: 'K-998877',
      invoiceNumbers: ['F-2024-0101', 'F-2024-0202'],
      outstandingAmountCents: 124550,
      contact: { name: 'Team Bijzonder Beheer', email: 'pauze@incasso.example' },
      note: 'Incasso gepauzeerd volgens convenant.',
    },
  },
  ProgressUpdate: {
    header: {
      messageId: ID.progress,
      type: 'ProgressUpdate',
      schemaVersion: '1.0',
      sender: OIN.municipality,
      recipient: OIN.publicCreditor,
      conversationId: ID.kennisgeving,
      createdAt: '2025-06-20T10:00:00Z',
    },
    body: {
      status: 'PAUSE_EXTENDED',
      newPauseEnd: '2025-11-03',
      note: 'Stabilisatie loopt langer door een nieuwe schuldeiser.',
    },
  },
  DeliveryReceipt: {
    header: {
      messageId: ID.receipt,
      type: 'DeliveryReceipt',
      schemaVersion: '1.0',
      sender: OIN.publicCreditor,
      recipient: OIN.municipality,
      conversationId: ID.kennisgeving,
      inReplyTo: ID.kennisgeving,
      createdAt: '2025-03-03T09:15:02Z',
    },
    body: { status: 'DELIVERED' },
  },
  ...collectiveExamples(OIN, KENNISGEVING),
  ...helpRequestExamples(OIN),
};

const PURPOSE: Record<MessageType, string> = {
  Kennisgeving:
    'The official signal of the Landelijke Pauzeknop: a municipality (or its counselling organisation) tells one ' +
    'creditor that a resident was admitted to debt counselling and asks it to pause collection (incassopauze) ' +
    'for the given period. One message per creditor; it opens the conversation, so `conversationId` equals ' +
    'its own `messageId`. `variant: "PUBLIC"` carries the BSN and goes only to creditors allowed to process it ' +
    '(`bsnAllowed`); to all others it goes as `PRIVATE`, without BSN, identifying the debtor by name, birth date, ' +
    "address and the creditor's own customer and invoice numbers. The hub rejects a BSN in front of a party " +
    'not allowed to see it (`BSN_NOT_ALLOWED`). Without an answer after 10 Dutch working days it is OVERDUE.',
  PauseAcknowledgement:
    "The creditor's answer to a Kennisgeving (creditor → municipality, `inReplyTo` = the Kennisgeving): " +
    'collection is paused until `pausedUntil` (which may be shorter than requested, never longer), or the ' +
    'pause is declined with a reason. Sent automatically under a covenant policy or by hand.',
  ProgressUpdate:
    'Later news from the municipality to the creditor in the same conversation: stabilisation started, an ' +
    'arrangement offered or agreed, the pause extended (at most 8 months after the original start) or ended. ' +
    "Updates move the creditor's pause register.",
  DeliveryReceipt:
    'Proof of what happened to a message (`inReplyTo` = the message it is about). `ACCEPTED` and `REJECTED` ' +
    "receipts are made and signed by the hub; `DELIVERED` is made and signed by the recipient's adapter once " +
    'the message is stored durably, and the hub forwards it unchanged to the original sender. A ' +
    'DeliveryReceipt never gets a receipt of its own (no receipt loops).',
  ...COLLECTIVE_PURPOSE,
  ...HELP_REQUEST_PURPOSE,
};

type FieldRow = [field: string, type: string, required: string, rule: string];

const list = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');
const PERSON_FIELDS = (prefix: string, withAddress: boolean): FieldRow[] => [
  [`${prefix}.bsn`, 'string', 'PUBLIC only', '9 digits, 11-proef; absent in the PRIVATE variant'],
  [`${prefix}.initials`, 'string', 'no', ''],
  [`${prefix}.givenNames`, 'string', 'yes', ''],
  [`${prefix}.surnamePrefix`, 'string', 'no', 'e.g. `de`, `van der`'],
  [`${prefix}.surname`, 'string', 'yes', ''],
  [`${prefix}.birthDate`, 'date', 'yes', '`YYYY-MM-DD`'],
  ...(withAddress
    ? ([
        [`${prefix}.address.street`, 'string', 'yes', ''],
        [`${prefix}.address.houseNumber`, 'integer', 'yes', '≥ 1'],
        [`${prefix}.address.houseLetter`, 'string', 'no', ''],
        [`${prefix}.address.houseNumberAddition`, 'string', 'no', ''],
        [`${prefix}.address.postcode`, 'string', 'yes', '`1234AB` (first digit 1–9)'],
        [`${prefix}.address.city`, 'string', 'yes', ''],
      ] as FieldRow[])
    : []),
];

const HEADER_ROWS: FieldRow[] = [
  ['messageId', 'UUID', 'yes', 'unique forever; the identity of the message, kept on every resend'],
  ['type', 'enum', 'yes', list(MESSAGE_TYPES)],
  ['schemaVersion', 'string', 'yes', '`"1.0"`'],
  ['sender', 'OIN', 'yes', '20 digits; must equal the OIN (subject serialNumber) of the signing certificate'],
  ['recipient', 'OIN', 'yes', '20 digits, a registered party (the hub, for a HelpRequestAcknowledgement)'],
  [
    'conversationId',
    'UUID',
    'yes',
    'the messageId of the Kennisgeving, BalanceRequest or HelpRequest that opened the thread (itself, for those three)',
  ],
  [
    'inReplyTo',
    'UUID',
    MESSAGE_TYPES.filter((type) => PROTOCOL[type].inReplyTo?.required).join(', '),
    'the message answered',
  ],
  [
    'createdAt',
    'timestamp',
    'yes',
    'RFC 3339 UTC; the hub rejects messages older than 7 days or more than 5 minutes in the future (`STALE`)',
  ],
];

const BODY_ROWS: Record<MessageType, FieldRow[]> = {
  Kennisgeving: [
    ['variant', 'enum', 'yes', '`PUBLIC` (with BSN) or `PRIVATE` (without)'],
    ...PERSON_FIELDS('debtor', true),
    ['partner', 'object', 'no', 'same fields as `debtor`, without `address`'],
    ['municipality.code', 'string', 'yes', '4-digit CBS gemeentecode, e.g. `0344`'],
    ['municipality.name', 'string', 'yes', ''],
    ['counsellor.organisation', 'string', 'yes', ''],
    ['counsellor.name', 'string', 'yes', ''],
    ['counsellor.email', 'string', 'yes', 'e-mail address'],
    ['counsellor.phone', 'string', 'no', ''],
    ['caseReference', 'string', 'yes', "the counsellor's dossier number"],
    ['creditorCustomerNumber', 'string', 'no', "the debtor's number at this creditor"],
    ['invoiceNumbers', 'string[]', 'no', ''],
    ['admissionDate', 'date', 'yes', 'admission to debt counselling'],
    ['signal', 'integer', 'no', '1–4; absent means 4 (after admission / start of stabilisation)'],
    ['pause.start', 'date', 'yes', ''],
    [
      'pause.end',
      'date',
      'yes',
      '> start and ≤ start + 8 calendar months (senders default to start + 4 months)',
    ],
  ],
  PauseAcknowledgement: [
    ['decision', 'enum', 'yes', '`PAUSED` or `DECLINED`'],
    ['pausedUntil', 'date', 'iff PAUSED', '≤ the requested pause end'],
    ['declineReason', 'enum', 'iff DECLINED', list(DECLINE_REASONS)],
    ['creditorCustomerNumber', 'string', 'no', ''],
    ['invoiceNumbers', 'string[]', 'no', ''],
    ['outstandingAmountCents', 'integer', 'no', '≥ 0'],
    ['contact.name', 'string', 'yes, if `contact`', ''],
    ['contact.email', 'string', 'no', ''],
    ['contact.phone', 'string', 'no', ''],
    ['note', 'string', 'no', '≤ 2000 characters'],
  ],
  ProgressUpdate: [
    ['status', 'enum', 'yes', list(PROGRESS_STATUSES)],
    ['newPauseEnd', 'date', 'iff PAUSE_EXTENDED', '≤ original pause start + 8 months'],
    ['endReason', 'enum', 'iff PAUSE_ENDED', list(END_REASONS)],
    ['note', 'string', 'no', ''],
  ],
  DeliveryReceipt: [
    ['status', 'enum', 'yes', list(RECEIPT_STATUSES)],
    ['reasonCode', 'enum', 'iff REJECTED', 'see [Reason codes](#reason-codes)'],
    ['reason', 'string', 'no', 'text for humans; never personal data'],
  ],
  ...COLLECTIVE_BODY_ROWS,
  ...HELP_REQUEST_BODY_ROWS,
};

const REASON_MEANINGS: Record<ReasonCode, string> = {
  MALFORMED: 'not readable: bad JSON/XML syntax, not UTF-8, not an object',
  TOO_LARGE: 'encoded message larger than 256 KiB',
  SCHEMA_INVALID: 'a field breaks a rule of this catalogue (missing, unknown, wrong format or combination)',
  SIGNATURE_INVALID: 'signature missing, malformed or not valid over the canonical JSON of `{header, body}`',
  CERTIFICATE_UNTRUSTED: 'signer chain does not lead to a trust anchor, or a certificate is revoked',
  CERTIFICATE_EXPIRED: 'signer certificate outside its validity period',
  SENDER_MISMATCH: 'signer OIN (or broker user / routing key) differs from `header.sender`',
  UNKNOWN_RECIPIENT: '`header.recipient` is not a registered party',
  PARTY_SUSPENDED: 'sender or recipient is suspended',
  NOT_AUTHORISED: 'this sender may not send this type to this recipient',
  CONVERSATION_MISMATCH:
    '`conversationId` / `inReplyTo` do not fit a known conversation between these parties',
  BSN_NOT_ALLOWED: 'a BSN would reach a party that may not process it',
  DUPLICATE_CONFLICT: 'a message with the same messageId but different content was seen before',
  STALE: '`createdAt` older than 7 days or more than 5 minutes in the future',
};

const fieldTable = (rows: FieldRow[]): string =>
  table(
    ['field', 'type', 'required', 'rule'],
    rows.map(([f, t, r, rule]) => [`\`${f}\``, t, r, rule]),
  );

function signedExamples(): { [K in MessageType]: SkpMessage<K> } {
  const ca = createDevCa({ commonName: 'Schuldenknooppunt Docs CA (throw-away)' });
  const identity = (oin: string, name: string): SigningIdentity => {
    const issued = issuePartyCertificate(ca, { oin, name });
    return loadSigningIdentity({ certPem: issued.chainPem.join(''), keyPem: issued.keyPem });
  };
  const signers: Record<string, SigningIdentity> = {
    [OIN.municipality]: identity(OIN.municipality, 'Gemeente Utrecht'),
    [OIN.publicCreditor]: identity(OIN.publicCreditor, 'Landelijk Incassobureau (publiek)'),
    [OIN.hub]: identity(OIN.hub, 'Schuldenknooppunt hub'),
  };
  const trust = new TrustStore([ca.certPem]);
  const sign = <K extends MessageType>(message: UnsignedMessage<K>): SkpMessage<K> => {
    const signed = signMessage(message, signers[message.header.sender]);
    const violations = validateMessage(signed);
    if (violations.length > 0) {
      throw new Error(`example ${message.header.type} is invalid: ${JSON.stringify(violations)}`);
    }
    // an example that the project's own verifier refuses would teach the wrong thing
    const verdict = verifyMessage(signed as SkpMessage, trust);
    if (!verdict.ok) {
      throw new Error(`example ${message.header.type} does not verify: ${JSON.stringify(verdict)}`);
    }
    return signed;
  };
  const signed = Object.fromEntries(MESSAGE_TYPES.map((type) => [type, sign(EXAMPLES[type])]));
  return signed as { [K in MessageType]: SkpMessage<K> };
}

function amqpSection(): string {
  const names = amqpNames('skp');
  return [
    '## AMQP names',
    '',
    'Names come from `amqpNames(prefix)` in `@skp/messages`; the prefix is `AMQP_PREFIX` (default `skp`).',
    '',
    table(
      ['name', 'kind', 'use'],
      [
        [`\`${names.inbound}\``, 'direct exchange', 'every party publishes here, routing key = its own OIN'],
        [`\`${names.hubInbound}\``, 'quorum queue', 'the hub consumes everything sent to the hub'],
        [`\`${names.deliver}\``, 'direct exchange', 'the hub publishes here, routing key = recipient OIN'],
        [
          `\`${names.partyQueue('<OIN>')}\``,
          'quorum queue per party',
          `bound to \`${names.deliver}\` with the party's OIN; only that party's adapter consumes it`,
        ],
        [`\`${names.dlx}\``, 'exchange', 'dead-letter exchange; the reason travels in headers'],
        [`\`${names.dead}\``, 'quorum queue', 'dead letters'],
      ],
    ),
    '',
    'AMQP properties of every message: `persistent`, `messageId` = `header.messageId`, `type` = `header.type`,',
    '`contentType: application/json`. Publishers use confirms; consumers ack only after their database commit.',
  ].join('\n');
}

/** The whole catalogue as Markdown. Deterministic except for the signatures. */
export function renderMessageDocs(): string {
  const signed = signedExamples();
  const sections = MESSAGE_TYPES.map((type) => {
    const message = signed[type];
    const json = JSON.stringify(JSON.parse(encode(message, 'json')), null, 2);
    return [
      `## ${type}`,
      '',
      PURPOSE[type],
      '',
      '### Body fields',
      '',
      fieldTable(BODY_ROWS[type]),
      '',
      '### Example (JSON)',
      '',
      '```json',
      json,
      '```',
      '',
      '### Example (XML)',
      '',
      '```xml',
      encode(message, 'xml').trim(),
      '```',
    ].join('\n');
  });
  return [
    '# Message catalogue',
    '',
    '<!-- Generated by scripts/generate-message-docs.ts (`npm run docs:messages`); do not edit by hand. -->',
    '',
    'The messages of the Schuldenknooppunt: the Pauzeknop (DESIGN §3), Collectief Schuldregelen (§9, see',
    '[below](#collectief-schuldregelen)) and the resident’s own request of Pauzeknop fase 1 (§11, see',
    '[below](#pauzeknop-fase-1-the-residents-own-request)). Every message is one JSON document',
    '`{ "header": {...}, "body": {...}, "signature": "..." }`; fields not listed are rejected. XML',
    `(namespace \`${XML_NAMESPACE}\`) is an equal second encoding with the same element names. Dates are`,
    '`YYYY-MM-DD`; the maximum encoded size is 256 KiB.',
    '',
    '`signature` is a JWS (RFC 7515) in compact serialization with detached payload (`header..sig`) over the',
    'RFC 8785 canonical JSON of `{header, body}`, protected header `alg` (`RS256`, `PS256` or `ES256`),',
    '`typ: "skp+jws"`, `x5c` and `x5t#S256`. A message signed as XML verifies as JSON and back.',
    '',
    'The examples form three conversations (Gemeente Utrecht ↔ a public creditor: the Kennisgeving and the',
    'Schuldregeling that follows it; the hub ↔ Gemeente Utrecht: a resident’s HelpRequest) and are signed with a',
    'throw-away development CA made at generation time, so their signatures change on every run.',
    '',
    '## Header (all types)',
    '',
    fieldTable(HEADER_ROWS),
    '',
    ...sections.flatMap((s) => [s, '']),
    collectiveSection(),
    '',
    helpRequestSection(),
    '',
    '## Reason codes',
    '',
    'A `REJECTED` DeliveryReceipt names one of these in `reasonCode`.',
    '',
    table(
      ['code', 'meaning'],
      REASON_CODES.map((code) => [`\`${code}\``, REASON_MEANINGS[code]]),
    ),
    '',
    amqpSection(),
    '',
  ].join('\n');
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? DEFAULT_OUTPUT);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderMessageDocs());
  process.stdout.write(`docs:messages wrote ${out}\n`);
}
