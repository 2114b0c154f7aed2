import { Injectable } from '@nestjs/common';
import { badField } from '@skp/platform';
import { decodeCursor, encodeCursor } from './cursor';
import { MessageFilter, MessageQueryRepository } from './message-query.repository';
import { toEventView, toMessageView } from './message.views';
import { PartyNamesReader } from './party-names';
import { notInRecord } from './not-in-record';

export const DEFAULT_PAGE = 50;

/** Message search and detail for operators: metadata, timeline, receipts and conversation. */
@Injectable()
export class MessageSearchService {
  constructor(
    private readonly messages: MessageQueryRepository,
    private readonly names: PartyNamesReader,
  ) {}

  async search(filter: MessageFilter, cursor: string | undefined, limit = DEFAULT_PAGE) {
    const after = cursor ? decodeCursor(cursor) : null;
    if (cursor && !after) {
      throw badField('cursor', 'next-cursor', 'cursor must be the nextCursor of a previous page');
    }
    const [rows, names] = await Promise.all([
      this.messages.findPage(filter, after, limit + 1),
      this.names.names(),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toMessageView(r, names)),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ receivedAt: last.received_at_exact, messageId: last.message_id })
          : null,
    };
  }

  async detail(messageId: string) {
    const row = await this.messages.findOne(messageId);
    if (!row) {
      throw notInRecord(messageId);
    }
    const [events, receipts, conversation, names] = await Promise.all([
      this.messages.findEvents(messageId),
      this.messages.findReplies(messageId),
      row.conversation_id ? this.messages.findConversation(row.conversation_id) : Promise.resolve([]),
      this.names.names(),
    ]);
    return {
      message: toMessageView(row, names),
      events: events.map(toEventView),
      receipts: receipts.map((r) => toMessageView(r, names)),
      conversation: conversation.map((r) => toMessageView(r, names)),
    };
  }
}
