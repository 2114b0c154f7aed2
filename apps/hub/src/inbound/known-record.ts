import type { EarlierMessage } from '@skp/messages';
import type { MessageState } from '../delivery-record/message-state';

/** What the hub knows of an earlier message that a new one refers to. */
export interface KnownMessage extends EarlierMessage {
  messageId: string;
  state: MessageState;
}

/** An earlier message as the pipeline needs it: admission facts plus duplicate evidence. */
export interface KnownRecord extends KnownMessage {
  contentHash: string | null;
  receiptRaw: string | null;
}
