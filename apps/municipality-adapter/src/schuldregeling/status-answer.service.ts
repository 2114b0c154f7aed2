import { Injectable } from '@nestjs/common';
import {
  ArrangementEndReason,
  buildHeader,
  ProgressUpdateBody,
  SkpMessage,
  UnsignedMessage,
} from '@skp/messages';
import { PartyMessaging } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import { KennisgevingRepository } from '../kennisgeving/kennisgeving.repository';
import { ConversationSender } from './conversation-sender';
import type { StatusRequestRecord } from './entities/status-request.entity';
import { SchuldregelingRepository } from './schuldregeling.repository';
import { DossierState, progressFor } from './schuldregeling-state';

/**
 * Keeps every StatusRequest and answers it with a ProgressUpdate in the same conversation: at once
 * (MUNICIPALITY_AUTO_PROGRESS, the default) or when a counsellor answers it by hand.
 */
@Injectable()
export class StatusAnswerService {
  constructor(
    private readonly repository: SchuldregelingRepository,
    private readonly kennisgevingen: KennisgevingRepository,
    private readonly sender: ConversationSender,
    private readonly messaging: PartyMessaging,
  ) {}

  async record(
    manager: EntityManager,
    message: SkpMessage<'StatusRequest'>,
    about: Pick<StatusRequestRecord, 'conversationType' | 'caseReference' | 'creditorOin'>,
  ): Promise<void> {
    await this.repository.insertStatusRequest(manager, {
      messageId: message.header.messageId,
      conversationId: message.header.conversationId,
      ...about,
      question: message.body.question ?? null,
      receivedAt: new Date(),
      answerId: null,
      answerStatus: null,
      answeredAt: null,
    });
  }

  /** A StatusRequest in a Kennisgeving's conversation; false when the conversation is not one. */
  async recordForKennisgeving(
    manager: EntityManager,
    message: SkpMessage<'StatusRequest'>,
    auto: boolean,
  ): Promise<boolean> {
    const kennisgeving = await this.kennisgevingen.findForUpdate(manager, message.header.conversationId);
    if (!kennisgeving || kennisgeving.creditorOin !== message.header.sender) {
      return false;
    }
    await this.record(manager, message, {
      conversationType: 'Kennisgeving',
      caseReference: kennisgeving.caseReference,
      creditorOin: kennisgeving.creditorOin,
    });
    if (auto) {
      await this.answer(manager, message.header.messageId, 'KENNISGEVING');
    }
    return true;
  }

  /** Answers with the ProgressUpdate that says `state`; nothing when it was answered already. */
  async answer(
    manager: EntityManager,
    statusRequestId: string,
    state: DossierState | 'KENNISGEVING',
    endReason?: ArrangementEndReason | null,
    note?: string,
  ): Promise<StatusRequestRecord | null> {
    const request = await this.repository.findStatusRequest(manager, statusRequestId);
    if (!request || request.answerId) {
      return request;
    }
    const body: ProgressUpdateBody = { ...progressFor(state, endReason) };
    if (note) {
      body.note = note;
    }
    let answerId: string;
    if (request.conversationType === 'BalanceRequest') {
      const row = (await this.repository.findCreditor(manager, request.conversationId))!;
      answerId = await this.sender.send(manager, row, 'ProgressUpdate', body);
    } else {
      const message: UnsignedMessage<'ProgressUpdate'> = {
        header: buildHeader({
          type: 'ProgressUpdate',
          sender: this.messaging.oin,
          recipient: request.creditorOin,
          conversationId: request.conversationId,
        }),
        body,
      };
      answerId = message.header.messageId;
      await this.kennisgevingen.insertProgress(manager, {
        messageId: answerId,
        kennisgevingId: request.conversationId,
        status: body.status,
        newPauseEnd: null,
        endReason: body.endReason ?? null,
        state: 'SENT',
        sentAt: new Date(),
      });
      await this.kennisgevingen.addEvents(manager, [
        {
          messageId: request.conversationId,
          kind: 'PROGRESS_SENT',
          detail: { progressUpdateId: answerId, status: body.status, statusRequestId },
        },
      ]);
      await this.messaging.send(manager, message);
    }
    await this.repository.answerStatusRequest(manager, statusRequestId, {
      answerId,
      answerStatus: body.status,
    });
    return { ...request, answerId, answerStatus: body.status };
  }

  /** Wakes the outbox relay after a commit outside the inbox. */
  published(): void {
    this.messaging.published();
  }
}
