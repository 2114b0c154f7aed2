import { MESSAGE_TYPES, MessageType } from '../types';
import {
  DeliveryReceiptBodyDto,
  PauseAcknowledgementBodyDto,
  ProgressUpdateBodyDto,
} from '../validation/answer-bodies.dto';
import {
  ArrangementAgreedBodyDto,
  ArrangementEndedBodyDto,
  BalanceRequestBodyDto,
  BalanceStatementBodyDto,
  PaymentProposalBodyDto,
  ProposalResponseBodyDto,
  StatusRequestBodyDto,
} from '../validation/collective-bodies.dto';
import { HelpRequestAcknowledgementBodyDto, HelpRequestBodyDto } from '../validation/help-request-bodies.dto';
import { KennisgevingBodyDto } from '../validation/kennisgeving.dto';
import { newPauseEndWithinEightMonths, pausedUntilWithinRequestedPause } from './cross-checks';
import type { ProtocolEntry } from './protocol-types';

/**
 * The message protocol as data (DESIGN §3): one row per type. Validation, the hub's admission
 * checks, its receipts, deadlines and state moves read these rows; a new type is a new row, its
 * body class and its tests.
 */
export const PROTOCOL: { readonly [T in MessageType]: ProtocolEntry<T> } = {
  Kennisgeving: {
    type: 'Kennisgeving',
    body: KennisgevingBodyDto,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: true,
    carriesDebtor: true,
    receipt: true,
    answerDeadline: true,
    pause: (body) => body.pause,
    crossChecks: [],
  },
  PauseAcknowledgement: {
    type: 'PauseAcknowledgement',
    body: PauseAcknowledgementBodyDto,
    direction: [{ from: 'CREDITOR', to: 'MUNICIPALITY' }],
    opensConversation: false,
    inReplyTo: { required: true, to: ['Kennisgeving'], parties: 'reversed' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    move: {
      target: 'inReplyTo',
      event: 'ANSWERED',
      state: ({ body }) => body.decision,
      facts: ({ body }) => ({
        decision: body.decision,
        ...(body.pausedUntil ? { pausedUntil: body.pausedUntil } : {}),
        ...(body.declineReason ? { declineReason: body.declineReason } : {}),
      }),
    },
    crossChecks: [{ against: 'inReplyTo', check: pausedUntilWithinRequestedPause }],
  },
  ProgressUpdate: {
    type: 'ProgressUpdate',
    body: ProgressUpdateBodyDto,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: false,
    // also the answer to a StatusRequest in a Schuldregeling's conversation (DESIGN §9)
    conversation: { openedBy: ['Kennisgeving', 'BalanceRequest'], parties: 'same' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    crossChecks: [{ against: 'conversation', check: newPauseEndWithinEightMonths }],
  },
  DeliveryReceipt: {
    type: 'DeliveryReceipt',
    body: DeliveryReceiptBodyDto,
    direction: [
      { from: 'HUB', to: 'REPLIED_SENDER', when: { field: 'status', in: ['ACCEPTED', 'REJECTED'] } },
      { from: 'REPLIED_RECIPIENT', to: 'REPLIED_SENDER', when: { field: 'status', in: ['DELIVERED'] } },
    ],
    opensConversation: false,
    inReplyTo: { required: true, to: 'any', parties: 'reversed' },
    carriesDebtor: false,
    // no receipt loops: a DeliveryReceipt never gets a receipt of its own
    receipt: false,
    answerDeadline: false,
    move: {
      target: 'inReplyTo',
      event: 'DELIVERED',
      state: () => 'DELIVERED',
      facts: ({ header }) => ({ receipt: header.messageId }),
    },
    crossChecks: [],
  },
  // Collectief Schuldregelen (DESIGN §9): one conversation per creditor, opened by its BalanceRequest
  BalanceRequest: {
    type: 'BalanceRequest',
    body: BalanceRequestBodyDto,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: true,
    carriesDebtor: true,
    receipt: true,
    answerDeadline: true,
    conversationState: { opens: 'REQUESTED' },
    crossChecks: [],
  },
  BalanceStatement: {
    type: 'BalanceStatement',
    body: BalanceStatementBodyDto,
    direction: [{ from: 'CREDITOR', to: 'MUNICIPALITY' }],
    opensConversation: false,
    inReplyTo: { required: true, to: ['BalanceRequest'], parties: 'reversed' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    move: {
      target: 'inReplyTo',
      event: 'ANSWERED',
      state: () => 'ANSWERED',
      facts: ({ body }) => ({
        known: String(body.known),
        ...(body.preApproval !== undefined ? { preApproval: String(body.preApproval) } : {}),
      }),
    },
    conversationState: { moves: ({ body }) => (body.known ? 'STATED' : 'UNKNOWN_DEBTOR') },
    crossChecks: [],
  },
  PaymentProposal: {
    type: 'PaymentProposal',
    body: PaymentProposalBodyDto,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: false,
    inReplyTo: { required: true, to: ['BalanceStatement'], parties: 'reversed' },
    conversation: { openedBy: ['BalanceRequest'], parties: 'same' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    conversationState: { moves: () => 'PROPOSED' },
    crossChecks: [],
  },
  ProposalResponse: {
    type: 'ProposalResponse',
    body: ProposalResponseBodyDto,
    direction: [{ from: 'CREDITOR', to: 'MUNICIPALITY' }],
    opensConversation: false,
    inReplyTo: { required: true, to: ['PaymentProposal'], parties: 'reversed' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    conversationState: { moves: ({ body }) => body.decision },
    crossChecks: [],
  },
  ArrangementAgreed: {
    type: 'ArrangementAgreed',
    body: ArrangementAgreedBodyDto,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: false,
    conversation: { openedBy: ['BalanceRequest'], parties: 'same' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    conversationState: { moves: () => 'AGREED' },
    crossChecks: [],
  },
  ArrangementEnded: {
    type: 'ArrangementEnded',
    body: ArrangementEndedBodyDto,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: false,
    conversation: { openedBy: ['BalanceRequest'], parties: 'same' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    conversationState: { moves: () => 'ENDED' },
    crossChecks: [],
  },
  StatusRequest: {
    type: 'StatusRequest',
    body: StatusRequestBodyDto,
    direction: [{ from: 'CREDITOR', to: 'MUNICIPALITY' }],
    opensConversation: false,
    // any thread the creditor is part of: a Kennisgeving's or a Schuldregeling's
    conversation: { openedBy: ['Kennisgeving', 'BalanceRequest'], parties: 'reversed' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    crossChecks: [],
  },
  // Pauzeknop fase 1 (DESIGN §11): the hub sends the resident's request; the municipality answers the hub
  HelpRequest: {
    type: 'HelpRequest',
    body: HelpRequestBodyDto,
    // made and signed by the hub from its public page: no party may send one
    direction: [{ from: 'HUB', to: 'MUNICIPALITY' }],
    opensConversation: true,
    // the resident gives their BSN to their own municipality only; BSN_NOT_ALLOWED guards creditors
    carriesDebtor: false,
    // so that the municipality's DELIVERED receipt may answer it, and a forged one is refused with a receipt
    receipt: true,
    answerDeadline: true,
    deadlineKind: 'FIRST_CONTACT',
    conversationState: { opens: 'REQUESTED' },
    crossChecks: [],
  },
  HelpRequestAcknowledgement: {
    type: 'HelpRequestAcknowledgement',
    body: HelpRequestAcknowledgementBodyDto,
    // to the hub, which records it and forwards it to nobody: it says something about a resident
    direction: [{ from: 'MUNICIPALITY', to: 'HUB' }],
    opensConversation: false,
    inReplyTo: { required: true, to: ['HelpRequest'], parties: 'reversed' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    // the first acknowledgement ends the wait for first contact; later ones move the conversation on
    move: {
      target: 'inReplyTo',
      event: 'ANSWERED',
      state: () => 'ANSWERED',
      facts: ({ body }) => ({ status: body.status }),
    },
    conversationState: { moves: ({ body }) => body.status },
    crossChecks: [],
  },
};

/** The row of a type, or undefined for a type the protocol does not have. */
export function protocolEntry(type: unknown): ProtocolEntry | undefined {
  return (MESSAGE_TYPES as readonly unknown[]).includes(type) ? PROTOCOL[type as MessageType] : undefined;
}

/** The types whose routing starts a deadline (an answer's or a first contact's): what the hub's OVERDUE rule looks at. */
export const ANSWER_DEADLINE_TYPES: readonly MessageType[] = MESSAGE_TYPES.filter(
  (type) => PROTOCOL[type].answerDeadline,
);
