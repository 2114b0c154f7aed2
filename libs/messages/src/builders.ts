import { randomUUID } from 'node:crypto';
import { PROTOCOL } from './protocol/protocol';
import { MessageHeader, MessageType, SCHEMA_VERSION } from './types';

export function newMessageId(): string {
  return randomUUID();
}

/** Current time as RFC 3339 UTC with millisecond precision, e.g. `2026-03-01T10:15:30.123Z`. */
export function nowRfc3339(now: Date = new Date()): string {
  return now.toISOString();
}

export interface HeaderInput<T extends MessageType> {
  type: T;
  sender: string;
  recipient: string;
  /** required for every type but Kennisgeving, whose conversation is itself */
  conversationId?: string;
  inReplyTo?: string;
  /** defaults to a fresh UUID */
  messageId?: string;
  /** defaults to now */
  createdAt?: string;
}

/** A complete header; a type that opens a conversation (a Kennisgeving) is its own (conversationId = messageId). */
export function buildHeader<T extends MessageType>(input: HeaderInput<T>): MessageHeader<T> {
  const messageId = input.messageId ?? newMessageId();
  const conversationId =
    input.conversationId ?? (PROTOCOL[input.type].opensConversation ? messageId : undefined);
  if (conversationId === undefined) {
    throw new TypeError(`buildHeader: a ${input.type} needs the conversationId of its conversation`);
  }
  const header: MessageHeader<T> = {
    messageId,
    type: input.type,
    schemaVersion: SCHEMA_VERSION,
    sender: input.sender,
    recipient: input.recipient,
    conversationId,
    createdAt: input.createdAt ?? nowRfc3339(),
  };
  if (input.inReplyTo !== undefined) {
    header.inReplyTo = input.inReplyTo;
  }
  return header;
}

/**
 * The header of an answer to `request`: sent back to its sender, in its conversation, `inReplyTo`
 * its messageId. E.g. a municipality's HelpRequestAcknowledgement to the hub (DESIGN §11).
 */
export function buildReplyHeader<T extends MessageType>(
  type: T,
  request: Pick<MessageHeader, 'messageId' | 'sender' | 'recipient' | 'conversationId'>,
  createdAt?: string,
): MessageHeader<T> {
  return buildHeader({
    type,
    sender: request.recipient,
    recipient: request.sender,
    conversationId: request.conversationId,
    inReplyTo: request.messageId,
    ...(createdAt === undefined ? {} : { createdAt }),
  });
}
