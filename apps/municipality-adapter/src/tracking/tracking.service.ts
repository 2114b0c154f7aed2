import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryReceipt, PauseAcknowledgement, SkpMessage } from '@skp/messages';
import { HelpRequestInboxService } from '../help-requests/help-request-inbox.service';
import { SchuldregelingInboxService } from '../schuldregeling/schuldregeling-inbox.service';
import { StatusAnswerService } from '../schuldregeling/status-answer.service';
import { InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { KennisgevingRepository } from '../kennisgeving/kennisgeving.repository';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV } from '../municipality.tokens';
import { CreditorEvent, nextState } from '../kennisgeving/creditor-state';
import { KennisgevingReceipts } from './kennisgeving-receipts';
import { contradicts, mayIssueReceipt, receiptDetail } from './receipt-rules';

const PROGRESS_RANK: Record<string, number> = { SENT: 0, ACCEPTED: 1, DELIVERED: 2, REJECTED: 2 };

/**
 * Applies every verified message from the adapter's own queue to the Kennisgeving it is about.
 * Runs inside PartyMessaging's transaction. A message that does not fit (unknown reference, or a
 * sender who is not the party that may say this) is recorded or logged and never moves a state;
 * it is not thrown back, because redelivering it would not make it fit.
 */
@Injectable()
export class TrackingService {
  constructor(
    private readonly repository: KennisgevingRepository,
    private readonly metrics: MunicipalityMetrics,
    private readonly schuldregelingen: SchuldregelingInboxService,
    private readonly statusAnswers: StatusAnswerService,
    private readonly receipts: KennisgevingReceipts,
    private readonly helpRequests: HelpRequestInboxService,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /**
   * Several messages stored in one transaction, in arrival order. Receipts about Kennisgevingen
   * (nearly all traffic during an import) are applied a run at a time with a few statements; any
   * other message, or a receipt about something else, takes the one-message path below.
   */
  async recordIncomingMany(manager: EntityManager, messages: SkpMessage[]): Promise<void> {
    let run: DeliveryReceipt[] = [];
    for (const message of messages) {
      if (message.header.type === 'DeliveryReceipt') {
        run.push(message as DeliveryReceipt);
        continue;
      }
      await this.recordReceiptRun(manager, run);
      run = [];
      await this.recordIncoming(manager, message);
    }
    await this.recordReceiptRun(manager, run);
  }

  private async recordReceiptRun(manager: EntityManager, run: DeliveryReceipt[]): Promise<void> {
    for (const other of await this.receipts.recordAboutKennisgevingen(manager, run)) {
      await this.recordReceipt(manager, other);
    }
  }

  async recordIncoming(manager: EntityManager, message: SkpMessage): Promise<void> {
    switch (message.header.type) {
      case 'DeliveryReceipt':
        return this.recordReceipt(manager, message as DeliveryReceipt);
      case 'PauseAcknowledgement':
        return this.recordAnswer(manager, message as PauseAcknowledgement);
      case 'BalanceStatement':
        return this.schuldregelingen.recordStatement(manager, message as SkpMessage<'BalanceStatement'>);
      case 'ProposalResponse':
        return this.schuldregelingen.recordResponse(manager, message as SkpMessage<'ProposalResponse'>);
      case 'StatusRequest':
        return this.recordStatusRequest(manager, message as SkpMessage<'StatusRequest'>);
      case 'HelpRequest':
        return this.helpRequests.recordRequest(manager, message as SkpMessage<'HelpRequest'>);
      case 'Kennisgeving':
      case 'HelpRequestAcknowledgement':
      case 'ProgressUpdate':
      case 'BalanceRequest':
      case 'PaymentProposal':
      case 'ArrangementAgreed':
      case 'ArrangementEnded':
        this.logger.warn(
          { messageId: message.header.messageId, type: message.header.type },
          'a municipality does not receive this message type; stored and ignored',
        );
        return;
    }
  }

  /** A StatusRequest in a Schuldregeling's or a Kennisgeving's conversation. */
  private async recordStatusRequest(
    manager: EntityManager,
    message: SkpMessage<'StatusRequest'>,
  ): Promise<void> {
    const auto = this.env.MUNICIPALITY_AUTO_PROGRESS !== 'false';
    if (
      !(await this.schuldregelingen.recordStatusRequest(manager, message)) &&
      !(await this.statusAnswers.recordForKennisgeving(manager, message, auto))
    ) {
      this.logger.warn(
        { messageId: message.header.messageId },
        'StatusRequest in a conversation this adapter does not know',
      );
    }
  }

  private async recordReceipt(manager: EntityManager, receipt: DeliveryReceipt): Promise<void> {
    const { header, body } = receipt;
    const about = header.inReplyTo ?? '';
    const detail = receiptDetail(receipt);
    const kennisgeving = await this.repository.findForUpdate(manager, about);
    if (kennisgeving) {
      const refusal =
        mayIssueReceipt(receipt, kennisgeving.creditorOin, this.env.HUB_OIN) ??
        contradicts(receipt, kennisgeving.state !== 'SENT' && kennisgeving.state !== 'REJECTED');
      if (refusal) {
        return this.ignore(manager, kennisgeving.messageId, receipt, refusal);
      }
      this.metrics.receipts.inc({ status: body.status, about: 'Kennisgeving' });
      const event: CreditorEvent = { kind: body.status };
      const next = nextState(kennisgeving.state, event);
      await this.repository.addEvents(manager, [
        {
          messageId: kennisgeving.messageId,
          kind: body.status,
          detail: { ...detail, stateChanged: next !== null },
        },
      ]);
      if (next) {
        await this.repository.updateState(manager, kennisgeving.messageId, {
          state: next,
          ...(next === 'REJECTED' ? { reasonCode: body.reasonCode ?? null } : {}),
        });
      }
      return;
    }
    const progress = await this.repository.findProgressForUpdate(manager, about);
    if (progress) {
      const owner = await this.repository.findForUpdate(manager, progress.kennisgevingId);
      const refusal = owner
        ? (mayIssueReceipt(receipt, owner.creditorOin, this.env.HUB_OIN) ??
          contradicts(receipt, progress.state === 'ACCEPTED' || progress.state === 'DELIVERED'))
        : 'unknown conversation';
      if (refusal) {
        return this.ignore(manager, progress.kennisgevingId, receipt, refusal);
      }
      this.metrics.receipts.inc({ status: body.status, about: 'ProgressUpdate' });
      await this.repository.addEvents(manager, [
        {
          messageId: progress.kennisgevingId,
          kind: `PROGRESS_${body.status}`,
          detail: { ...detail, progressUpdateId: progress.messageId },
        },
      ]);
      if (PROGRESS_RANK[body.status] > PROGRESS_RANK[progress.state]) {
        await this.repository.updateProgressState(manager, progress.messageId, body.status);
      }
      return;
    }
    if (
      (await this.schuldregelingen.recordReceipt(manager, receipt)) ||
      (await this.helpRequests.recordReceipt(manager, receipt))
    ) {
      return;
    }
    this.logger.warn(
      { messageId: header.messageId, inReplyTo: about },
      'receipt about a message this adapter did not send',
    );
  }

  private async recordAnswer(manager: EntityManager, answer: PauseAcknowledgement): Promise<void> {
    const { header, body } = answer;
    const kennisgeving = await this.repository.findForUpdate(manager, header.inReplyTo ?? '');
    if (!kennisgeving) {
      this.logger.warn(
        { messageId: header.messageId, inReplyTo: header.inReplyTo },
        'answer to a Kennisgeving this adapter did not send',
      );
      return;
    }
    if (header.sender !== kennisgeving.creditorOin || header.conversationId !== kennisgeving.messageId) {
      return this.ignore(
        manager,
        kennisgeving.messageId,
        answer,
        'an answer must come from the creditor, in its conversation',
      );
    }
    this.metrics.answers.inc({ decision: body.decision });
    const next = nextState(kennisgeving.state, { kind: 'ANSWERED', decision: body.decision });
    const detail: Record<string, unknown> = { answerId: header.messageId, stateChanged: next !== null };
    if (body.pausedUntil) {
      detail.pausedUntil = body.pausedUntil;
    }
    if (body.declineReason) {
      detail.declineReason = body.declineReason;
    }
    await this.repository.addEvents(manager, [
      { messageId: kennisgeving.messageId, kind: body.decision, detail },
    ]);
    if (next) {
      await this.repository.updateState(manager, kennisgeving.messageId, {
        state: next,
        pausedUntil: body.pausedUntil ?? null,
        declineReason: body.declineReason ?? null,
      });
    }
  }

  private async ignore(
    manager: EntityManager,
    kennisgevingId: string,
    message: SkpMessage,
    reason: string,
  ): Promise<void> {
    this.logger.warn(
      { messageId: message.header.messageId, conversationId: kennisgevingId, reason },
      'message ignored',
    );
    await this.repository.addEvents(manager, [
      {
        messageId: kennisgevingId,
        kind: 'IGNORED',
        detail: {
          ignoredId: message.header.messageId,
          type: message.header.type,
          from: message.header.sender,
          reason,
        },
      },
    ]);
  }
}
