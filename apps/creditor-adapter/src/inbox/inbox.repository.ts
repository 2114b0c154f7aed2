import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { SkpMessage } from '@skp/messages';
import type { AnswerBody } from './answer-rules';
import { AnsweredBy, AnswerStatus, InboxMessage, InboxState } from './inbox-message.entity';

export interface InboxFilter {
  type?: string;
  state?: InboxState;
  limit: number;
  offset: number;
}

@Injectable()
export class InboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, message: SkpMessage, state: InboxState | null): Promise<void> {
    const { header } = message;
    await manager.getRepository(InboxMessage).insert({
      messageId: header.messageId,
      type: header.type,
      sender: header.sender,
      conversationId: header.conversationId,
      inReplyTo: header.inReplyTo ?? null,
      createdAt: new Date(header.createdAt),
      state,
      caseReference:
        header.type === 'Kennisgeving' || header.type === 'BalanceRequest'
          ? (message as SkpMessage<'Kennisgeving' | 'BalanceRequest'>).body.caseReference
          : null,
      message,
    });
  }

  findOne(messageId: string): Promise<InboxMessage | null> {
    return this.dataSource.getRepository(InboxMessage).findOneBy({ messageId });
  }

  /** Newest first; the filters use the (type|state, received_at) indexes. */
  list(filter: InboxFilter): Promise<InboxMessage[]> {
    const query = this.dataSource
      .getRepository(InboxMessage)
      .createQueryBuilder('m')
      .orderBy('m.receivedAt', 'DESC')
      .addOrderBy('m.messageId', 'DESC')
      .limit(filter.limit)
      .offset(filter.offset);
    if (filter.type) {
      query.andWhere('m.type = :type', { type: filter.type });
    }
    if (filter.state) {
      query.andWhere('m.state = :state', { state: filter.state });
    }
    return query.getMany();
  }

  /** The row locked for the rest of the transaction, so two answers cannot both go out. */
  lockForAnswer(manager: EntityManager, messageId: string): Promise<InboxMessage | null> {
    return manager
      .getRepository(InboxMessage)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.messageId = :messageId', { messageId })
      .getOne();
  }

  async markAnswered(
    manager: EntityManager,
    messageId: string,
    answer: { answerMessageId: string; body: AnswerBody; by: AnsweredBy; at: Date },
  ): Promise<void> {
    await manager.getRepository(InboxMessage).update(
      { messageId },
      {
        state: 'ANSWERED',
        answerMessageId: answer.answerMessageId,
        answer: answer.body,
        answeredAt: answer.at,
        answeredBy: answer.by,
        answerStatus: 'SENT',
        answerReasonCode: null,
      },
    );
  }

  findByAnswer(manager: EntityManager, answerMessageId: string): Promise<InboxMessage | null> {
    return manager
      .getRepository(InboxMessage)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.answerMessageId = :answerMessageId', { answerMessageId })
      .getOne();
  }

  async updateAnswerStatus(
    manager: EntityManager,
    messageId: string,
    changes: { answerStatus: AnswerStatus; answerReasonCode: string | null; state: InboxState },
  ): Promise<void> {
    await manager.getRepository(InboxMessage).update({ messageId }, changes);
  }
}
