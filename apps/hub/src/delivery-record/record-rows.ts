import type { ConversationState } from '@skp/messages';
import type { OutgoingMessage } from '@skp/platform';
import type { MessageEventKind, MessageState } from './message-state';

/** A message row as the inbound pipeline decides it, before it is written. */
export interface NewMessageRow {
  messageId: string;
  type: string;
  sender: string | null;
  recipient: string | null;
  conversationId: string | null;
  inReplyTo: string | null;
  headerCreatedAt: string | null;
  receivedAt: Date;
  state: MessageState;
  reasonCode: string | null;
  contentHash: string | null;
  contentType: string;
  raw: string | null;
  signerFingerprint: string | null;
  routedAt: Date | null;
  deadlineAt: Date | null;
  finalAt: Date | null;
  pauseStart: string | null;
  pauseEnd: string | null;
  receiptRaw: string | null;
  /** the state of the conversation this message opens (DESIGN §9); null when it has none */
  conversationState: ConversationState | null;
}

export interface NewEventRow {
  messageId: string;
  at: Date;
  kind: MessageEventKind;
  state: MessageState | null;
  cause: string | null;
  detail: Record<string, unknown> | null;
}

/** A change to an earlier message caused by this one (a receipt or an answer). */
export type StateMove =
  | { kind: 'delivered'; messageId: string; at: Date }
  | {
      kind: 'answered';
      messageId: string;
      at: Date;
      decision: 'PAUSED' | 'DECLINED' | 'ANSWERED';
      pausedUntil: string | null;
      declineReason: string | null;
      /** a BalanceStatement's vooraf akkoord, when it gave one either way */
      preApproval: boolean | null;
    }
  /** the conversation of an opening message moves forward; the record writes its timeline event */
  | {
      kind: 'conversation';
      messageId: string;
      at: Date;
      state: ConversationState;
      cause: string;
      type: string;
    };

/** What one inbound message writes: the record's half of the pipeline's `Effects`. */
export interface RecordChanges {
  /** the new message row; when it turns out to exist already (another hub won), the rest is dropped */
  insert?: NewMessageRow;
  events: NewEventRow[];
  moves: StateMove[];
  outbox: OutgoingMessage[];
}

/** An earlier message as the pipeline needs it: authorisation facts plus duplicate evidence. */
export type RecordedMessage = Pick<
  NewMessageRow,
  | 'messageId'
  | 'type'
  | 'sender'
  | 'recipient'
  | 'conversationId'
  | 'state'
  | 'pauseStart'
  | 'pauseEnd'
  | 'conversationState'
  | 'contentHash'
  | 'receiptRaw'
>;

/** A dead letter as the broker handed it over, before it is written. */
export interface NewDeadLetterRow {
  messageId: string | null;
  type: string | null;
  reasonCode: string;
  reason: string;
  queue: string | null;
  routingKey: string;
  /** null when the content is not kept: empty, or an unverified message's evidence only */
  content: Buffer | null;
  properties: Record<string, unknown>;
}

/** An operator redelivery: what is published, the timeline's REDELIVERED detail and who asked. */
export interface Redelivery {
  publish: OutgoingMessage;
  at: Date;
  by: string;
  detail: Record<string, unknown>;
}
