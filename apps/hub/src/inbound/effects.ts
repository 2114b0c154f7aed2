import type { OutgoingMessage } from '@skp/platform';
import type { MessageEventKind, MessageState } from '../messages/message-state';

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
      decision: 'PAUSED' | 'DECLINED';
      pausedUntil: string | null;
      declineReason: string | null;
    };

export interface Outcome {
  type: string;
  outcome: 'routed' | 'rejected' | 'duplicate' | 'dead_lettered';
  reasonCode?: string;
}

/**
 * Everything one inbound message changes, decided before any write. A batch applies many of these
 * in one transaction; if that fails, each is applied alone so one bad message never sinks the rest.
 */
export interface Effects {
  /** the new message row; when it turns out to exist already (another hub won), the rest is dropped */
  insert?: NewMessageRow;
  events: NewEventRow[];
  moves: StateMove[];
  outbox: OutgoingMessage[];
  outcome: Outcome;
}
