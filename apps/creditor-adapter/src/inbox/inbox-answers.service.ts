import { ConflictException, Injectable } from '@nestjs/common';
import { buildHeader, SkpMessage, UnsignedMessage } from '@skp/messages';
import { PartyMessaging } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import { ANSWER_TYPE_OF, AnswerableType, AnswerBody } from './answer-rules';
import { AnsweredBy, InboxMessage } from './inbox-message.entity';
import { InboxRepository } from './inbox.repository';
import { notInInbox } from './inbox.service';

/**
 * Sends this creditor's answer to a message in its inbox (BalanceStatement, ProposalResponse):
 * signed, enqueued in the outbox and the entry marked answered in one transaction.
 */
@Injectable()
export class InboxAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly messaging: PartyMessaging,
  ) {}

  /**
   * A person's answer: `answer` runs on the locked entry (404 unknown, 409 another type or answered
   * already) inside one transaction; published after commit. Returns the entry as it now stands.
   */
  async answerByHand(
    messageId: string,
    type: AnswerableType,
    answer: (manager: EntityManager, entry: InboxMessage) => Promise<void>,
  ): Promise<InboxMessage> {
    await this.dataSource.transaction(async (manager) => {
      const entry = await this.inbox.lockForAnswer(manager, messageId);
      if (!entry) {
        throw notInInbox();
      }
      if (entry.type !== type) {
        throw conflict(`this message is a ${entry.type}; only a ${type} is answered here`);
      }
      if (entry.state === 'ANSWERED') {
        throw conflict(`this ${type} has been answered already`);
      }
      await answer(manager, entry);
    });
    this.messaging.published();
    return (await this.inbox.findOne(messageId)) as InboxMessage;
  }

  /** Signs and enqueues the answer to `question` and marks its entry answered (caller's transaction). */
  async send(
    manager: EntityManager,
    question: SkpMessage<AnswerableType>,
    body: AnswerBody,
    by: AnsweredBy,
  ): Promise<SkpMessage> {
    const { header } = question;
    const signed = await this.messaging.send(manager, {
      header: buildHeader({
        type: ANSWER_TYPE_OF[header.type],
        sender: this.messaging.oin,
        recipient: header.sender,
        conversationId: header.conversationId,
        inReplyTo: header.messageId,
      }),
      body,
    } as UnsignedMessage);
    await this.inbox.markAnswered(manager, header.messageId, {
      answerMessageId: signed.header.messageId,
      body,
      by,
      at: new Date(signed.header.createdAt),
    });
    return signed;
  }
}

function conflict(message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', message });
}
