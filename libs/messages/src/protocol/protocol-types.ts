import type { BodyByType, ConversationState, MessageHeader, MessageType, ReasonCode } from '../types';

/** Why a message is refused: the reasonCode of its REJECTED receipt and a text without personal data. */
export interface Verdict {
  reasonCode: ReasonCode;
  reason: string;
}

/**
 * Who sends and receives messages. The hub issues its own receipts and sends the residents'
 * HelpRequests; it is the recipient of their acknowledgements, which it records and never forwards.
 */
export type PartyKind = 'MUNICIPALITY' | 'CREDITOR' | 'HUB';

/**
 * One allowed way of sending a type. `from`/`to` name a party kind, or the two parties of the
 * message this one replies to (`inReplyTo`): `REPLIED_RECIPIENT` is that message's recipient,
 * `REPLIED_SENDER` its sender. `when` limits the route to bodies whose field has one of the values.
 */
export interface Route {
  from: PartyKind | 'REPLIED_RECIPIENT';
  to: PartyKind | 'REPLIED_SENDER';
  when?: { field: string; in: readonly string[] };
}

/**
 * How the parties of a message relate to those of an earlier one: `same` (another message in the
 * same direction, e.g. a ProgressUpdate after the Kennisgeving) or `reversed` (an answer).
 */
export type PartyRelation = 'same' | 'reversed';

/**
 * What `inReplyTo` may name. `to: 'any'` is any message that itself gets receipts (so never a
 * DeliveryReceipt: no receipt loops). The replied-to message must have been routed (not REJECTED)
 * and be in the same conversation.
 */
export interface ReplyRule {
  required: boolean;
  to: readonly MessageType[] | 'any';
  parties: PartyRelation;
}

/** A message that continues a conversation: which types may have opened it, and between whom. */
export interface ConversationRule {
  openedBy: readonly MessageType[];
  parties: PartyRelation;
}

/** What the hub knows of the earlier message a rule is checked against. */
export interface EarlierMessage {
  type: string;
  sender: string | null;
  recipient: string | null;
  conversationId: string | null;
  /** the pause a Kennisgeving asked for (YYYY-MM-DD), null for other types */
  pauseStart: string | null;
  pauseEnd: string | null;
}

/** A rule between a body and an earlier message that only the hub can check. */
export interface CrossCheck<B> {
  /** the earlier message: the one `inReplyTo` names, or the conversation's opening message */
  against: 'inReplyTo' | 'conversation';
  check(body: B, earlier: EarlierMessage): Verdict | null;
}

/**
 * States a message can move an earlier message into: delivered, or answered (a Kennisgeving's
 * answer says PAUSED or DECLINED; any other request is simply ANSWERED).
 */
export const MOVE_STATES = ['DELIVERED', 'PAUSED', 'DECLINED', 'ANSWERED'] as const;
export type MoveState = (typeof MOVE_STATES)[number];

/** The timeline event the move writes on the earlier message. */
export type MoveEvent = 'DELIVERED' | 'ANSWERED';

/**
 * The state move a routed message causes on an earlier one. `facts` are kept with the move (on
 * the earlier message's timeline event and, where the record has a column for them, its row);
 * never personal data.
 */
export interface MoveRule<T extends MessageType> {
  target: 'inReplyTo' | 'conversation';
  event: MoveEvent;
  state(message: { header: MessageHeader<T>; body: BodyByType[T] }): MoveState;
  facts(message: { header: MessageHeader<T>; body: BodyByType[T] }): Record<string, string>;
}

/**
 * Which of the hub's deadline settings a request waits under: a creditor's answer (10 working days
 * by default) or a municipality's first contact with a resident who asked for help (3, DESIGN §11).
 */
export type DeadlineKind = 'ANSWER' | 'FIRST_CONTACT';

/** One message type of the protocol (DESIGN §3): everything the hub's checks and moves read. */
export interface ProtocolEntry<T extends MessageType = MessageType> {
  type: T;
  /** the class-validator DTO of its body */
  body: new () => object;
  /** who may send it to whom; at least one matching route must allow the message */
  direction: readonly Route[];
  /** a new conversation: its conversationId is its own messageId */
  opensConversation: boolean;
  inReplyTo?: ReplyRule;
  conversation?: ConversationRule;
  /** the body may carry a debtor (and partner) with a BSN: PUBLIC/PRIVATE and BSN_NOT_ALLOWED apply */
  carriesDebtor: boolean;
  /** the hub answers it with a signed ACCEPTED or REJECTED receipt */
  receipt: boolean;
  /** routing it starts the answer deadline (OVERDUE after N working days); it stays open until answered */
  answerDeadline: boolean;
  /** the deadline setting it waits under; absent means ANSWER */
  deadlineKind?: DeadlineKind;
  /** the pause it asks for, kept with the message for the cross-checks of later messages */
  pause?(body: BodyByType[T]): { start: string; end: string };
  move?: MoveRule<T>;
  /**
   * The conversation state (DESIGN §9) this message sets on its conversation's opening message:
   * `opens` for the opener itself, `moves` for a message inside the conversation. States only
   * move forward (CONVERSATION_STATES order, with alternatives ranked alike).
   */
  conversationState?: {
    opens?: ConversationState;
    moves?(message: { header: MessageHeader<T>; body: BodyByType[T] }): ConversationState;
  };
  crossChecks: readonly CrossCheck<BodyByType[T]>[];
}
