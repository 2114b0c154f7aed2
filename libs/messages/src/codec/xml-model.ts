import { MessageType } from '../types';

/**
 * The XML shape of each record, in element order (the order the XSD requires). Element names equal
 * the JSON field names; `int` fields are converted back to numbers and `list` fields hold repeated
 * `item` elements. Anything not listed here is kept as text, so validation can reject it.
 */
export type XmlField =
  | { name: string; kind: 'text' }
  | { name: string; kind: 'int' }
  | { name: string; kind: 'bool' }
  | { name: string; kind: 'list'; item: string }
  | { name: string; kind: 'records'; item: string; fields: XmlField[] }
  | { name: string; kind: 'record'; fields: XmlField[] };

const text = (name: string): XmlField => ({ name, kind: 'text' });
const int = (name: string): XmlField => ({ name, kind: 'int' });
const bool = (name: string): XmlField => ({ name, kind: 'bool' });
const records = (name: string, item: string, fields: XmlField[]): XmlField => ({
  name,
  kind: 'records',
  item,
  fields,
});
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
const debtor = record('debtor', [...PERSON_FIELDS, record('address', ADDRESS_FIELDS)]);
const partner = record('partner', PERSON_FIELDS);
const municipality = record('municipality', [text('code'), text('name')]);
const counsellor = record('counsellor', [text('organisation'), text('name'), text('email'), text('phone')]);
const contact = record('contact', [text('name'), text('email'), text('phone')]);

export const BODY_FIELDS: Record<MessageType, XmlField[]> = {
  Kennisgeving: [
    text('variant'),
    debtor,
    partner,
    municipality,
    counsellor,
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
    contact,
    text('note'),
  ],
  ProgressUpdate: [text('status'), text('newPauseEnd'), text('endReason'), text('note')],
  DeliveryReceipt: [text('status'), text('reasonCode'), text('reason')],
  BalanceRequest: [
    text('variant'),
    debtor,
    partner,
    municipality,
    counsellor,
    text('caseReference'),
    text('creditorCustomerNumber'),
    invoiceNumbers,
    bool('collective'),
    text('kennisgevingId'),
  ],
  BalanceStatement: [
    bool('known'),
    records('claims', 'claim', [
      text('reference'),
      text('kind'),
      int('originalAmountCents'),
      int('outstandingAmountCents'),
      int('costsCents'),
      int('interestCents'),
      text('since'),
    ]),
    int('totalOutstandingCents'),
    bool('preApproval'),
    text('paymentReference'),
    contact,
    text('note'),
  ],
  PaymentProposal: [
    text('arrangementType'),
    text('payoutPercentage'),
    int('creditorTotalCents'),
    int('offeredAmountCents'),
    int('totalDebtCents'),
    int('termMonths'),
    text('startDate'),
    text('note'),
  ],
  ProposalResponse: [text('decision'), text('rejectReason'), bool('byPreApproval'), text('note')],
  ArrangementAgreed: [
    text('arrangementType'),
    text('payoutPercentage'),
    int('offeredAmountCents'),
    text('paymentReference'),
    text('startDate'),
    text('endDate'),
  ],
  ArrangementEnded: [text('reason'), int('paidAmountCents'), text('note')],
  StatusRequest: [text('question')],
  HelpRequest: [
    record('resident', [...PERSON_FIELDS, record('address', ADDRESS_FIELDS)]),
    record('contact', [text('phone'), text('email')]),
    text('description'),
    text('consentAt'),
    int('signal'),
    bool('urgent'),
  ],
  HelpRequestAcknowledgement: [text('status')],
};

/** XSD type name of each body, carried as `xsi:type` on `<body>`. */
export const BODY_XSD_TYPE: Record<MessageType, string> = {
  Kennisgeving: 'KennisgevingBody',
  PauseAcknowledgement: 'PauseAcknowledgementBody',
  ProgressUpdate: 'ProgressUpdateBody',
  DeliveryReceipt: 'DeliveryReceiptBody',
  BalanceRequest: 'BalanceRequestBody',
  BalanceStatement: 'BalanceStatementBody',
  PaymentProposal: 'PaymentProposalBody',
  ProposalResponse: 'ProposalResponseBody',
  ArrangementAgreed: 'ArrangementAgreedBody',
  ArrangementEnded: 'ArrangementEndedBody',
  StatusRequest: 'StatusRequestBody',
  HelpRequest: 'HelpRequestBody',
  HelpRequestAcknowledgement: 'HelpRequestAcknowledgementBody',
};
