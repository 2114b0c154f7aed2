/** The canonical message model of DESIGN §3. Field names are part of the external contract. */

import type { HelpRequestAcknowledgementBody, HelpRequestBody } from './help-request-types';
import type { Debtor, Person } from './person';

export type { Address, Debtor, Person } from './person';
export * from './help-request-types';

export const SCHEMA_VERSION = '1.0' as const;
export const MAX_MESSAGE_BYTES = 256 * 1024;
export const XML_NAMESPACE = 'urn:nl:schuldenknooppunt:berichten:1';

export const MESSAGE_TYPES = [
  'Kennisgeving',
  'PauseAcknowledgement',
  'ProgressUpdate',
  'DeliveryReceipt',
  // Collectief Schuldregelen (DESIGN §9)
  'BalanceRequest',
  'BalanceStatement',
  'PaymentProposal',
  'ProposalResponse',
  'ArrangementAgreed',
  'ArrangementEnded',
  'StatusRequest',
  // Pauzeknop fase 1: the resident's own request (DESIGN §11)
  'HelpRequest',
  'HelpRequestAcknowledgement',
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const VARIANTS = ['PUBLIC', 'PRIVATE'] as const;
export type Variant = (typeof VARIANTS)[number];

export const DECISIONS = ['PAUSED', 'DECLINED'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECLINE_REASONS = [
  'DEBTOR_UNKNOWN',
  'RECENT_FINAL_DISCHARGE',
  'RECENT_STABILISATION',
  'NO_COOPERATION',
  'OTHER',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const PROGRESS_STATUSES = [
  'STABILISATION_STARTED',
  'ARRANGEMENT_OFFERED',
  'ARRANGEMENT_AGREED',
  'PAUSE_EXTENDED',
  'PAUSE_ENDED',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const END_REASONS = [
  'ARRANGEMENT_REACHED',
  'CLIENT_WITHDREW',
  'CLIENT_DROPPED_OUT',
  'WSNP',
  'OTHER',
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const RECEIPT_STATUSES = ['ACCEPTED', 'DELIVERED', 'REJECTED'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export const REASON_CODES = [
  'MALFORMED',
  'TOO_LARGE',
  'SCHEMA_INVALID',
  'SIGNATURE_INVALID',
  'CERTIFICATE_UNTRUSTED',
  'CERTIFICATE_EXPIRED',
  'SENDER_MISMATCH',
  'UNKNOWN_RECIPIENT',
  'PARTY_SUSPENDED',
  'NOT_AUTHORISED',
  'CONVERSATION_MISMATCH',
  'BSN_NOT_ALLOWED',
  'DUPLICATE_CONFLICT',
  'STALE',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface MessageHeader<T extends MessageType = MessageType> {
  messageId: string;
  type: T;
  schemaVersion: typeof SCHEMA_VERSION;
  sender: string;
  recipient: string;
  conversationId: string;
  inReplyTo?: string;
  createdAt: string;
}

export interface KennisgevingBody {
  variant: Variant;
  debtor: Debtor;
  partner?: Person;
  municipality: { code: string; name: string };
  counsellor: { organisation: string; name: string; email: string; phone?: string };
  caseReference: string;
  creditorCustomerNumber?: string;
  invoiceNumbers?: string[];
  admissionDate: string;
  /** absent means 4; never filled in on decode, because the signature covers the message as sent */
  signal?: 1 | 2 | 3 | 4;
  pause: { start: string; end: string };
}

export interface PauseAcknowledgementBody {
  decision: Decision;
  pausedUntil?: string;
  declineReason?: DeclineReason;
  creditorCustomerNumber?: string;
  invoiceNumbers?: string[];
  outstandingAmountCents?: number;
  contact?: { name: string; email?: string; phone?: string };
  note?: string;
}

export interface ProgressUpdateBody {
  status: ProgressStatus;
  newPauseEnd?: string;
  endReason?: EndReason;
  note?: string;
}

export interface DeliveryReceiptBody {
  status: ReceiptStatus;
  reasonCode?: ReasonCode;
  reason?: string;
}

export interface BodyByType {
  Kennisgeving: KennisgevingBody;
  PauseAcknowledgement: PauseAcknowledgementBody;
  ProgressUpdate: ProgressUpdateBody;
  DeliveryReceipt: DeliveryReceiptBody;
  BalanceRequest: BalanceRequestBody;
  BalanceStatement: BalanceStatementBody;
  PaymentProposal: PaymentProposalBody;
  ProposalResponse: ProposalResponseBody;
  ArrangementAgreed: ArrangementAgreedBody;
  ArrangementEnded: ArrangementEndedBody;
  StatusRequest: StatusRequestBody;
  HelpRequest: HelpRequestBody;
  HelpRequestAcknowledgement: HelpRequestAcknowledgementBody;
}

/** A message before it is signed: exactly what the signature covers. */
export type UnsignedMessage<T extends MessageType = MessageType> = {
  [K in T]: { header: MessageHeader<K>; body: BodyByType[K] };
}[T];

/** A message as it travels: `{header, body, signature}`. */
export type SkpMessage<T extends MessageType = MessageType> = {
  [K in T]: { header: MessageHeader<K>; body: BodyByType[K]; signature: string };
}[T];

export type Kennisgeving = SkpMessage<'Kennisgeving'>;
export type PauseAcknowledgement = SkpMessage<'PauseAcknowledgement'>;
export type ProgressUpdate = SkpMessage<'ProgressUpdate'>;
export type DeliveryReceipt = SkpMessage<'DeliveryReceipt'>;

export type Encoding = 'json' | 'xml';

/* Collectief Schuldregelen (DESIGN §9) */

export const CLAIM_KINDS = ['ZORG', 'PUBLIEK', 'NUTS', 'OVERIG'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const ARRANGEMENT_TYPES = ['SCHULDBEMIDDELING', 'SANERINGSKREDIET'] as const;
export type ArrangementType = (typeof ARRANGEMENT_TYPES)[number];

export const PROPOSAL_DECISIONS = ['ACCEPTED', 'REJECTED'] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

export const PROPOSAL_REJECT_REASONS = [
  'AMOUNT_TOO_LOW',
  'CLAIM_DISPUTED',
  'FRAUD_CLAIM',
  'NO_COOPERATION',
  'OTHER',
] as const;
export type ProposalRejectReason = (typeof PROPOSAL_REJECT_REASONS)[number];

export const ARRANGEMENT_END_REASONS = ['COMPLETED', 'FAILED', 'WSNP', 'CLIENT_WITHDREW', 'OTHER'] as const;
export type ArrangementEndReason = (typeof ARRANGEMENT_END_REASONS)[number];

/**
 * The state of a conversation kept on its opening message: a Collectief Schuldregelen conversation
 * (one BalanceRequest to one creditor), or a HelpRequest's (DESIGN §11: REQUESTED, then the
 * municipality's acknowledgements, CONTACTED and one of ADMITTED, REFERRED, NOT_ADMITTED).
 */
export const CONVERSATION_STATES = [
  'REQUESTED',
  'STATED',
  'UNKNOWN_DEBTOR',
  'PROPOSED',
  'ACCEPTED',
  'REJECTED',
  'AGREED',
  'ENDED',
  'CONTACTED',
  'ADMITTED',
  'REFERRED',
  'NOT_ADMITTED',
] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];

export interface BalanceRequestBody {
  variant: Variant;
  debtor: Debtor;
  partner?: Person;
  municipality: { code: string; name: string };
  counsellor: { organisation: string; name: string; email: string; phone?: string };
  caseReference: string;
  creditorCustomerNumber?: string;
  invoiceNumbers?: string[];
  /** Collectief Schuldregelen: the creditor is asked for pre-approval (vooraf akkoord) */
  collective: boolean;
  /** the Kennisgeving of this case, when there was one */
  kennisgevingId?: string;
}

export interface Claim {
  reference: string;
  kind: ClaimKind;
  originalAmountCents: number;
  outstandingAmountCents: number;
  costsCents?: number;
  interestCents?: number;
  since?: string;
}

export interface BalanceStatementBody {
  /** false: the debtor is unknown here, and `claims` is empty */
  known: boolean;
  claims: Claim[];
  /** the sum of the claims' outstandingAmountCents */
  totalOutstandingCents: number;
  /** pre-approval (vooraf akkoord), only in answer to a collective request */
  preApproval?: boolean;
  paymentReference?: string;
  contact?: { name: string; email?: string; phone?: string };
  note?: string;
}

export interface PaymentProposalBody {
  arrangementType: ArrangementType;
  /** the afkooppercentage, two decimals, "0.00" to "100.00" */
  payoutPercentage: string;
  creditorTotalCents: number;
  /** round(creditorTotalCents × payoutPercentage / 100) */
  offeredAmountCents: number;
  totalDebtCents: number;
  termMonths: number;
  startDate: string;
  note?: string;
}

export interface ProposalResponseBody {
  decision: ProposalDecision;
  rejectReason?: ProposalRejectReason;
  byPreApproval: boolean;
  note?: string;
}

export interface ArrangementAgreedBody {
  arrangementType: ArrangementType;
  payoutPercentage: string;
  offeredAmountCents: number;
  paymentReference: string;
  startDate: string;
  endDate: string;
}

export interface ArrangementEndedBody {
  reason: ArrangementEndReason;
  paidAmountCents?: number;
  note?: string;
}

export interface StatusRequestBody {
  question?: string;
}
