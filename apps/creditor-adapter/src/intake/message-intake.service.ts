import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryReceipt, Kennisgeving, ProgressUpdate, SkpMessage } from '@skp/messages';
import { CollectiveAnswers } from '../collective/collective-answers.service';
import { isAnswerable } from '../inbox/answer-rules';
import type { EntityManager } from 'typeorm';
import { AcknowledgementService } from '../acknowledgements/acknowledgement.service';
import { InjectLogger, Logger } from '@skp/platform';
import type { CreditorPolicy } from '../config/creditor-policy';
import type { CreditorEnv } from '../config/creditor.env';
import { CREDITOR_ENV, CREDITOR_POLICY } from '../creditor.tokens';
import { AnswerStatus } from '../inbox/inbox-message.entity';
import { InboxRepository } from '../inbox/inbox.repository';
import { CreditorMetrics } from '../metrics/creditor.metrics';
import { PauseRegister } from '../pauses/pause-register.service';
import { WebhookDispatcher } from '../webhook/webhook.dispatcher';
import { WebhookRepository } from '../webhook/webhook.repository';

const ANSWER_RANK: Record<AnswerStatus, number> = { SENT: 0, ACCEPTED: 1, DELIVERED: 2, REJECTED: 3 };

/**
 * What a verified, new message does here. Runs inside the transaction PartyMessaging opened for it,
 * so the inbox entry, the pause register, an automatic answer and the webhook job commit together
 * with the DELIVERED receipt, or not at all (and the broker redelivers).
 */
@Injectable()
export class MessageIntake {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly register: PauseRegister,
    private readonly acknowledgements: AcknowledgementService,
    private readonly collective: CollectiveAnswers,
    private readonly webhooks: WebhookRepository,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(CREDITOR_POLICY) private readonly policy: CreditorPolicy,
    private readonly metrics: CreditorMetrics,
    @Inject(CREDITOR_ENV) private readonly env: CreditorEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async storeIncoming(manager: EntityManager, message: SkpMessage): Promise<void> {
    const type = message.header.type;
    await this.inbox.insert(manager, message, isAnswerable(type) ? 'NEW' : null);
    switch (type) {
      case 'Kennisgeving':
        await this.register.registerKennisgeving(manager, message as Kennisgeving);
        if (this.policy.autoAcknowledge) {
          await this.acknowledgements.answerAutomatically(manager, message as Kennisgeving);
        }
        break;
      case 'ProgressUpdate':
        await this.register.applyProgressUpdate(manager, message as ProgressUpdate);
        break;
      case 'DeliveryReceipt':
        await this.recordReceipt(manager, message as DeliveryReceipt);
        break;
      case 'BalanceRequest':
        await this.collective.onBalanceRequest(manager, message as SkpMessage<'BalanceRequest'>);
        break;
      case 'PaymentProposal':
        await this.collective.onPaymentProposal(manager, message as SkpMessage<'PaymentProposal'>);
        break;
      case 'ArrangementAgreed':
      case 'ArrangementEnded':
        break; // for the collection system: in the inbox and through the webhook
      case 'PauseAcknowledgement':
      case 'BalanceStatement':
      case 'ProposalResponse':
      case 'StatusRequest':
      case 'HelpRequest':
      case 'HelpRequestAcknowledgement':
        break; // not meant for a creditor; kept in the inbox for the record
    }
    if (this.dispatcher.enabled) {
      await this.webhooks.enqueue(manager, message.header.messageId);
    }
    this.metrics.messagesReceived.inc({ type });
  }

  /**
   * Receipts about this creditor's answers: the hub's ACCEPTED/REJECTED (signed by HUB_OIN; the
   * signature was verified on intake) and the municipality's DELIVERED. A rejected answer reopens
   * the Kennisgeving so it can be answered again; a REJECTED after the hub accepted the answer is
   * a forgery or replay and changes nothing.
   */
  private async recordReceipt(manager: EntityManager, receipt: DeliveryReceipt): Promise<void> {
    const about = receipt.header.inReplyTo;
    const entry = about ? await this.inbox.findByAnswer(manager, about) : null;
    if (!entry) {
      return;
    }
    const status = receipt.body.status;
    const issuer = status === 'DELIVERED' ? entry.sender : this.env.HUB_OIN;
    if (receipt.header.sender !== issuer) {
      this.logger.warn(
        { messageId: receipt.header.messageId, inReplyTo: about, from: receipt.header.sender, status },
        'receipt not from its issuer; ignored',
      );
      return;
    }
    const current = entry.answerStatus;
    if (status === 'REJECTED' && current && current !== 'SENT') {
      this.logger.warn(
        { messageId: receipt.header.messageId, inReplyTo: about, current },
        'REJECTED receipt after the answer was accepted; ignored',
      );
      return;
    }
    if (current && ANSWER_RANK[status] <= ANSWER_RANK[current]) {
      return;
    }
    await this.inbox.updateAnswerStatus(manager, entry.messageId, {
      answerStatus: status,
      answerReasonCode: receipt.body.reasonCode ?? null,
      state: status === 'REJECTED' ? 'NEW' : 'ANSWERED',
    });
  }
}
