import type { ConversationState, EarlierMessage } from '@skp/messages';
import type { MessageState } from '../delivery-record/message-state';

/** What the hub knows of an earlier message that a new one refers to. */
export interface KnownMessage extends EarlierMessage {
  messageId: string;
  state: MessageState;
  /** the conversation state of an opening BalanceRequest (DESIGN §9); null for other messages */
  conversationState: ConversationState | null;
}

/** An earlier message as the pipeline needs it: admission facts plus duplicate evidence. */
export interface KnownRecord extends KnownMessage {
  contentHash: string | null;
  receiptRaw: string | null;
}
