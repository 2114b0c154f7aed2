import { MessageType } from '../types';

/**
 * The XML shape of each record, in element order (the order the XSD requires). Element names equal
 * the JSON field names; `int` fields are converted back to numbers and `list` fields hold repeated
 * `item` elements. Anything not listed here is kept as text, so validation can reject it.
 */
export type XmlField =
  | { name: string; kind: 'text' }
  | { name: string; kind: 'int' }
  | { name: string; kind: 'list'; item: string }
  | { name: string; kind: 'record'; fields: XmlField[] };

const text = (name: string): XmlField => ({ name, kind: 'text' });
const int = (name: string): XmlField => ({ name, kind: 'int' });
const list = (name: string, item: string): XmlField => ({ name, kind: 'list', item });
const record = (name: string, fields: XmlField[]): XmlField => ({ name, kind: 'record', fields });

export const XML_ROOT = 'Bericht';
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

export const HEADER_FIELDS: XmlField[] = [
  text('messageId'),
  text('type'),
  text('schemaVersion'),
  text('sender'),
  text('recipient'),
  text('conversationId'),
  text('inReplyTo'),
  text('createdAt'),
];

const PERSON_FIELDS: XmlField[] = [
  text('bsn'),
  text('initials'),
  text('givenNames'),
  text('surnamePrefix'),
  text('surname'),
  text('birthDate'),
];

const ADDRESS_FIELDS: XmlField[] = [
  text('street'),
  int('houseNumber'),
  text('houseLetter'),
  text('houseNumberAddition'),
  text('postcode'),
  text('city'),
];

const invoiceNumbers = list('invoiceNumbers', 'invoiceNumber');

export const BODY_FIELDS: Record<MessageType, XmlField[]> = {
  Kennisgeving: [
    text('variant'),
    record('debtor', [...PERSON_FIELDS, record('address', ADDRESS_FIELDS)]),
    record('partner', PERSON_FIELDS),
    record('municipality', [text('code'), text('name')]),
    record('counsellor', [text('organisation'), text('name'), text('email'), text('phone')]),
    text('caseReference'),
    text('creditorCustomerNumber'),
    invoiceNumbers,
    text('admissionDate'),
    int('signal'),
    record('pause', [text('start'), text('end')]),
  ],
  PauseAcknowledgement: [
    text('decision'),
    text('pausedUntil'),
    text('declineReason'),
    text('creditorCustomerNumber'),
    invoiceNumbers,
    int('outstandingAmountCents'),
    record('contact', [text('name'), text('email'), text('phone')]),
    text('note'),
  ],
  ProgressUpdate: [text('status'), text('newPauseEnd'), text('endReason'), text('note')],
  DeliveryReceipt: [text('status'), text('reasonCode'), text('reason')],
};

/** XSD type name of each body, carried as `xsi:type` on `<body>`. */
export const BODY_XSD_TYPE: Record<MessageType, string> = {
  Kennisgeving: 'KennisgevingBody',
  PauseAcknowledgement: 'PauseAcknowledgementBody',
  ProgressUpdate: 'ProgressUpdateBody',
  DeliveryReceipt: 'DeliveryReceiptBody',
};
