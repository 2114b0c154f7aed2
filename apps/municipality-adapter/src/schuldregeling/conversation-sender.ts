import { Injectable } from '@nestjs/common';
import { BodyByType, buildHeader, MessageType, UnsignedMessage, validateUnsigned } from '@skp/messages';
import { badRequest, PartyMessaging } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import { fieldViolation } from '../kennisgeving/field-violation';
import type { SchuldregelingCreditor } from './entities/schuldregeling-creditor.entity';
import { SchuldregelingRepository } from './schuldregeling.repository';

/**
 * Sends a message in one creditor's Schuldregeling conversation (conversationId = its
 * BalanceRequest) in the caller's transaction, and records it so its receipts can be followed.
 */
@Injectable()
export class ConversationSender {
  constructor(
    private readonly repository: SchuldregelingRepository,
    private readonly messaging: PartyMessaging,
  ) {}

  async send<T extends MessageType>(
    manager: EntityManager,
    creditor: SchuldregelingCreditor,
    type: T,
    body: BodyByType[T],
    inReplyTo?: string,
  ): Promise<string> {
    const message = {
      header: buildHeader({
        type,
        sender: this.messaging.oin,
        recipient: creditor.creditorOin,
        conversationId: creditor.requestId,
        ...(inReplyTo ? { inReplyTo } : {}),
      }),
      body,
    } as unknown as UnsignedMessage;
    const violations = validateUnsigned(message);
    if (violations.length > 0) {
      // the request was checked already: this is a value the request did not cover
      throw badRequest(violations.map((v) => fieldViolation(v.path.replace(/^body\.?/, ''), v.rule)));
    }
    await this.repository.insertMessage(manager, {
      messageId: message.header.messageId,
      requestId: creditor.requestId,
      type,
      state: 'SENT',
      sentAt: new Date(),
    });
    await this.messaging.send(manager, message);
    return message.header.messageId;
  }

  /** Wakes the outbox relay after the commit. */
  published(): void {
    this.messaging.published();
  }
}
