/**
 * The Pauzeknop fase 1 part of the message catalogue (DESIGN §11): the resident's HelpRequest that
 * the hub signs and sends, and the municipality's HelpRequestAcknowledgement back to the hub.
 */
import { HELP_REQUEST_STATUSES, UnsignedMessage } from '@skp/messages';
import { table } from './collective';

export type HelpRequestType = 'HelpRequest' | 'HelpRequestAcknowledgement';

type FieldRow = [field: string, type: string, required: string, rule: string];

const list = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

const ID = {
  request: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b0c',
  acknowledgement: '6a1f0c3e-2b4d-4e8a-9c1b-7d5e3f2a1b0d',
};

/** A resident of Utrecht asks for help on the hub's public page; the municipality calls back. */
export function helpRequestExamples(oin: { hub: string; municipality: string }): {
  [K in HelpRequestType]: UnsignedMessage<K>;
} {
  return {
    HelpRequest: {
      header: {
        messageId: ID.request,
        type: 'HelpRequest',
        schemaVersion: '1.0',
        sender: oin.hub,
        recipient: oin.municipality,
        conversationId: ID.request,
        createdAt: '2027-01-11T19:42:05Z',
      },
      body: {
        resident: {
          givenNames: 'Fatima',
          surname: 'El Amrani',
          birthDate: '1991-08-30',
          address: { street: 'Kanaalstraat', houseNumber: 12, postcode: '3531CJ', city: 'Utrecht' },
        },
        contact: { phone: '0612345678', email: 'f.elamrani@mail.example' },
        description: 'Ik heb huurachterstand en een brief van de deurwaarder.\nBellen kan na 17:00.',
        consentAt: '2027-01-11T19:41:58Z',
        signal: 1,
        urgent: true,
      },
    },
    HelpRequestAcknowledgement: {
      header: {
        messageId: ID.acknowledgement,
        type: 'HelpRequestAcknowledgement',
        schemaVersion: '1.0',
        sender: oin.municipality,
        recipient: oin.hub,
        conversationId: ID.request,
        inReplyTo: ID.request,
        createdAt: '2027-01-12T10:05:00Z',
      },
      body: { status: 'CONTACTED' },
    },
  };
}

export const HELP_REQUEST_PURPOSE: Record<HelpRequestType, string> = {
  HelpRequest:
    "Pauzeknop fase 1: a resident's own request for debt counselling, made on the hub's public page " +
    '`/pauzeknop` and sent by the hub, signed with its own certificate, to the municipality the resident ' +
    'chose or was matched to (hub → municipality; no party may send one). It counts as registration under ' +
    'the Wgs and opens its own conversation. The BSN is there only when the resident gave it. The ' +
    'municipality has 3 Dutch working days (configurable, `HUB_HELP_REQUEST_CONTACT_WORKING_DAYS`) for the ' +
    'first contact: without an acknowledgement by then the request is OVERDUE.',
  HelpRequestAcknowledgement:
    "The municipality's answer to a HelpRequest (municipality → hub, `inReplyTo` = the HelpRequest, same " +
    'conversation): the resident was contacted, admitted (a case with Kennisgevingen carrying signal 1 ' +
    'follows), referred elsewhere or not admitted. The hub is its recipient: it records the state on the ' +
    'request and forwards the acknowledgement to nobody. Only the municipality the request went to may send it.',
};

export const HELP_REQUEST_BODY_ROWS: Record<HelpRequestType, FieldRow[]> = {
  HelpRequest: [
    ['resident', 'object', 'yes', 'the fields of a Kennisgeving `debtor`, with `address`; `bsn` optional'],
    ['contact.phone', 'string', 'phone or email', ''],
    ['contact.email', 'string', 'phone or email', 'e-mail address'],
    ['description', 'string', 'no', "the resident's own words; ≤ 2000 characters, line breaks allowed"],
    ['consentAt', 'timestamp', 'yes', 'RFC 3339 UTC: when the resident gave consent'],
    ['signal', 'integer', 'yes', '`1`: the Pauzeknop signal of the resident’s own request'],
    ['urgent', 'boolean', 'yes', 'eviction, disconnection or garnishment imminent'],
  ],
  HelpRequestAcknowledgement: [['status', 'enum', 'yes', list(HELP_REQUEST_STATUSES)]],
};

const STATE_CAUSE: [state: string, after: string][] = [
  ['REQUESTED', 'the hub sent the HelpRequest'],
  ['CONTACTED', 'an acknowledgement `CONTACTED`'],
  ['ADMITTED', 'an acknowledgement `ADMITTED`'],
  ['REFERRED', 'an acknowledgement `REFERRED`'],
  ['NOT_ADMITTED', 'an acknowledgement `NOT_ADMITTED`'],
];

/** The flow of a resident's request and the states the hub keeps on it. */
export function helpRequestSection(): string {
  return [
    '## Pauzeknop fase 1: the resident’s own request',
    '',
    '```mermaid',
    'sequenceDiagram',
    '  participant R as Resident',
    '  participant H as Hub',
    '  participant M as Municipality',
    '  R->>H: /pauzeknop form',
    '  H->>M: HelpRequest (signed by the hub)',
    '  M->>H: DeliveryReceipt DELIVERED',
    '  M->>H: HelpRequestAcknowledgement CONTACTED',
    '  H->>M: DeliveryReceipt ACCEPTED',
    '  M->>H: HelpRequestAcknowledgement ADMITTED',
    '  H->>M: DeliveryReceipt ACCEPTED',
    '```',
    '',
    'The first acknowledgement ends the wait for first contact (the request is then `ANSWERED`); the',
    'conversation state on the request only moves forward, and `ADMITTED`, `REFERRED` and `NOT_ADMITTED`',
    'rank alike, so the first of them decides:',
    '',
    table(
      ['state', 'after'],
      STATE_CAUSE.map(([state, cause]) => [`\`${state}\``, cause]),
    ),
  ].join('\n');
}
