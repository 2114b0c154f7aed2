import { ConflictException, Injectable } from '@nestjs/common';
import { buildHeader, StatusRequestBody } from '@skp/messages';
import { badRequest, PartyMessaging } from '@skp/platform';
import { DataSource } from 'typeorm';
import { bodyViolations, definedFields } from '../inbox/answer-rules';
import { InboxRepository } from '../inbox/inbox.repository';
import { notInInbox } from '../inbox/inbox.service';

/** Conversations a StatusRequest may be asked in: a Kennisgeving's or a Schuldregeling's (DESIGN §9). */
const OPENERS = ['Kennisgeving', 'BalanceRequest'];

export interface SentStatusRequest {
  messageId: string;
  conversationId: string;
  recipient: string;
}

/** Asks the municipality for news in the conversation of any message in the inbox. */
@Injectable()
export class StatusRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly messaging: PartyMessaging,
  ) {}

  /** 404 unknown message; 409 when its conversation was not opened by a municipality's request here. */
  async ask(messageId: string, input: object): Promise<SentStatusRequest> {
    const entry = await this.inbox.findOne(messageId);
    if (!entry) {
      throw notInInbox();
    }
    const opener = await this.inbox.findOne(entry.conversationId);
    if (!opener || !OPENERS.includes(opener.type)) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: 'this message is not part of a Kennisgeving or BalanceRequest conversation of this inbox',
      });
    }
    const body = definedFields(input) as StatusRequestBody;
    const violations = bodyViolations('StatusRequest', body);
    if (violations.length > 0) {
      throw badRequest(violations);
    }
    const signed = await this.dataSource.transaction((manager) =>
      this.messaging.send(manager, {
        header: buildHeader({
          type: 'StatusRequest',
          sender: this.messaging.oin,
          recipient: opener.sender,
          conversationId: opener.conversationId,
        }),
        body,
      }),
    );
    this.messaging.published();
    return {
      messageId: signed.header.messageId,
      conversationId: signed.header.conversationId,
      recipient: signed.header.recipient,
    };
  }
}
