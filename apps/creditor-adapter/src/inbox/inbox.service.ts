import { Injectable, NotFoundException } from '@nestjs/common';
import type { InboxQueryDto } from './dto/inbox-query.dto';
import type { InboxMessage } from './inbox-message.entity';
import { InboxRepository } from './inbox.repository';

@Injectable()
export class InboxService {
  constructor(private readonly inbox: InboxRepository) {}

  list(query: InboxQueryDto): Promise<InboxMessage[]> {
    return this.inbox.list({
      ...(query.type ? { type: query.type } : {}),
      ...(query.state ? { state: query.state } : {}),
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    });
  }

  async get(messageId: string): Promise<InboxMessage> {
    const entry = await this.inbox.findOne(messageId);
    if (!entry) {
      throw notInInbox();
    }
    return entry;
  }
}

/** The 404 of every route about one inbox message. */
export function notInInbox(): NotFoundException {
  return new NotFoundException({
    statusCode: 404,
    error: 'Not Found',
    message: 'no message with this messageId in the inbox',
  });
}
