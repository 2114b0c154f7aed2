import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { buildHeader, Kennisgeving, PauseAcknowledgementBody } from '@skp/messages';
import { badRequest, PartyMessaging } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { CreditorPolicy } from '../config/creditor-policy';
import { CREDITOR_POLICY } from '../creditor.tokens';
import { AnsweredBy, InboxMessage } from '../inbox/inbox-message.entity';
import { InboxRepository } from '../inbox/inbox.repository';
import { CreditorMetrics } from '../metrics/creditor.metrics';
import { PauseRegister } from '../pauses/pause-register.service';
import {
  AcknowledgementContext,
  acknowledgementViolations,
  autoAcknowledgement,
  toAcknowledgementBody,
} from './acknowledgement-rules';

/** Answers Kennisgevingen: by hand through the API, or at once under the auto-acknowledge policy. */
@Injectable()
export class AcknowledgementService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inbox: InboxRepository,
    private readonly register: PauseRegister,
    private readonly messaging: PartyMessaging,
    @Inject(CREDITOR_POLICY) private readonly policy: CreditorPolicy,
    private readonly metrics: CreditorMetrics,
  ) {}

  contextOf(kennisgeving: Kennisgeving): AcknowledgementContext {
    const { pause } = kennisgeving.body;
    return {
      pauseStart: pause.start,
      requestedEnd: pause.end,
      ...(this.policy.maxPauseMonths !== undefined ? { maxPauseMonths: this.policy.maxPauseMonths } : {}),
    };
  }

  /** 404 unknown (or not a Kennisgeving), 409 answered already, 400 with every broken rule. */
  async answerByHand(messageId: string, input: object): Promise<InboxMessage> {
    const answered = await this.dataSource.transaction(async (manager) => {
      const entry = await this.inbox.lockForAnswer(manager, messageId);
      if (!entry || entry.type !== 'Kennisgeving') {
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: 'no Kennisgeving with this messageId in the inbox',
        });
      }
      if (entry.state === 'ANSWERED') {
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: 'this Kennisgeving has been answered already',
        });
      }
      const kennisgeving = entry.message as Kennisgeving;
      const body = { ...input };
      const violations = acknowledgementViolations(
        Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
        this.contextOf(kennisgeving),
      );
      if (violations.length > 0) {
        throw badRequest(violations);
      }
      await this.sendAnswer(
        manager,
        kennisgeving,
        toAcknowledgementBody(body as PauseAcknowledgementBody),
        'MANUAL',
      );
      return messageId;
    });
    this.messaging.published();
    return (await this.inbox.findOne(answered)) as InboxMessage;
  }

  /** The covenant policy's answer, inside the transaction that stores the Kennisgeving. */
  async answerAutomatically(manager: EntityManager, kennisgeving: Kennisgeving): Promise<void> {
    await this.sendAnswer(manager, kennisgeving, autoAcknowledgement(this.contextOf(kennisgeving)), 'AUTO');
  }

  /** Signs and enqueues the answer, marks the inbox entry and moves the pause, all in one transaction. */
  private async sendAnswer(
    manager: EntityManager,
    kennisgeving: Kennisgeving,
    body: PauseAcknowledgementBody,
    by: AnsweredBy,
  ): Promise<void> {
    const { header } = kennisgeving;
    const signed = await this.messaging.send(manager, {
      header: buildHeader({
        type: 'PauseAcknowledgement',
        sender: this.messaging.oin,
        recipient: header.sender,
        conversationId: header.conversationId,
        inReplyTo: header.messageId,
      }),
      body,
    });
    await this.inbox.markAnswered(manager, header.messageId, {
      answerMessageId: signed.header.messageId,
      body,
      by,
      at: new Date(signed.header.createdAt),
    });
    await this.register.applyAnswer(manager, header.conversationId, body);
    this.metrics.acknowledgementsSent.inc({
      decision: body.decision,
      mode: by === 'AUTO' ? 'auto' : 'manual',
    });
  }
}
