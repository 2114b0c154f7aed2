import { Inject, Injectable } from '@nestjs/common';
import type { ArrangementEndReason, DeliveryReceipt, SkpMessage } from '@skp/messages';
import { InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MUNICIPALITY_ENV } from '../municipality.tokens';
import { ArrangementService } from './arrangement.service';
import { SchuldregelingRepository } from './schuldregeling.repository';
import { dossierState, nextCreditorState } from './schuldregeling-state';
import { StatusAnswerService } from './status-answer.service';

const RECEIPT_RANK: Record<string, number> = { SENT: 0, ACCEPTED: 1, DELIVERED: 2, REJECTED: 2 };

/**
 * What arrives about a Schuldregeling: receipts for the BalanceRequests and the later messages,
 * BalanceStatements, ProposalResponses and StatusRequests. Runs in PartyMessaging's transaction;
 * a message that does not fit (unknown conversation, wrong sender, wrong moment) is logged and
 * never moves a state.
 */
@Injectable()
export class SchuldregelingInboxService {
  constructor(
    private readonly repository: SchuldregelingRepository,
    private readonly arrangements: ArrangementService,
    private readonly statusAnswers: StatusAnswerService,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** A receipt about a BalanceRequest or a later message of a Schuldregeling; false when it is about neither. */
  async recordReceipt(manager: EntityManager, receipt: DeliveryReceipt): Promise<boolean> {
    const about = receipt.header.inReplyTo ?? '';
    const { status, reasonCode } = receipt.body;
    const request = await this.repository.findCreditor(manager, about);
    if (request) {
      if (!this.mayIssueReceipt(receipt, request.creditorOin)) {
        return true;
      }
      const dossier = await this.repository.lockDossier(manager, request.caseReference);
      const fresh = (await this.repository.findCreditor(manager, about))!;
      const next = nextCreditorState(fresh.state, { kind: status });
      if (dossier && next) {
        await this.repository.updateCreditor(manager, fresh.requestId, {
          state: next,
          ...(next === 'REJECTED' ? { reasonCode: reasonCode ?? null } : {}),
        });
      }
      return true;
    }
    const sent = await this.repository.findMessage(manager, about);
    if (!sent) {
      return false;
    }
    const owner = await this.repository.findCreditor(manager, sent.requestId);
    const believable =
      owner !== null &&
      this.mayIssueReceipt(receipt, owner.creditorOin) &&
      !(status === 'REJECTED' && RECEIPT_RANK[sent.state] > 0);
    if (believable && RECEIPT_RANK[status] > RECEIPT_RANK[sent.state]) {
      await this.repository.updateMessageState(manager, sent.messageId, status);
    }
    if (status === 'REJECTED') {
      this.logger.warn(
        { messageId: sent.messageId, type: sent.type, reasonCode },
        'hub rejected a Schuldregeling message',
      );
    }
    return true;
  }

  async recordStatement(manager: EntityManager, message: SkpMessage<'BalanceStatement'>): Promise<void> {
    const row = await this.answerTarget(manager, message, message.header.inReplyTo);
    if (!row) {
      return;
    }
    const { body } = message;
    const next = nextCreditorState(row.state, { kind: 'STATED', known: body.known });
    if (!next) {
      return this.ignore(message, `a BalanceStatement in state ${row.state}`);
    }
    await this.repository.updateCreditor(manager, row.requestId, {
      state: next,
      statementId: message.header.messageId,
      claims: body.claims,
      totalOutstandingCents: body.totalOutstandingCents,
      preApproval: body.preApproval ?? null,
      paymentReference: body.paymentReference ?? null,
    });
  }

  async recordResponse(manager: EntityManager, message: SkpMessage<'ProposalResponse'>): Promise<void> {
    const row = await this.answerTarget(manager, message);
    if (!row) {
      return;
    }
    if (row.proposalId !== message.header.inReplyTo) {
      return this.ignore(message, 'a ProposalResponse to another message than the proposal');
    }
    const { body } = message;
    const next = nextCreditorState(row.state, { kind: 'RESPONDED', decision: body.decision });
    if (!next) {
      return this.ignore(message, `a ProposalResponse in state ${row.state}`);
    }
    await this.repository.updateCreditor(manager, row.requestId, {
      state: next,
      responseId: message.header.messageId,
      decision: body.decision,
      rejectReason: body.rejectReason ?? null,
      byPreApproval: body.byPreApproval,
    });
    const dossier = await this.repository.lockDossier(manager, row.caseReference);
    if (
      dossier &&
      next === 'PROPOSAL_ACCEPTED' &&
      (await this.arrangements.confirmIfAllAccepted(manager, dossier))
    ) {
      this.logger.info(
        { caseReference: row.caseReference },
        'every creditor accepted: ArrangementAgreed queued',
      );
    }
  }

  /** A StatusRequest in a Schuldregeling's conversation; false when the conversation is not one. */
  async recordStatusRequest(manager: EntityManager, message: SkpMessage<'StatusRequest'>): Promise<boolean> {
    const row = await this.repository.findCreditor(manager, message.header.conversationId);
    if (!row) {
      return false;
    }
    if (message.header.sender !== row.creditorOin) {
      this.ignore(message, 'a StatusRequest must come from the creditor of the conversation');
      return true;
    }
    const dossier = await this.repository.lockDossier(manager, row.caseReference);
    await this.statusAnswers.record(manager, message, {
      conversationType: 'BalanceRequest',
      caseReference: row.caseReference,
      creditorOin: row.creditorOin,
    });
    if (dossier && this.env.MUNICIPALITY_AUTO_PROGRESS !== 'false') {
      const rows = await this.repository.creditorsOf(row.caseReference, manager);
      const state = dossierState(
        dossier.state,
        rows.map((r) => r.state),
      );
      await this.statusAnswers.answer(
        manager,
        message.header.messageId,
        state,
        dossier.endReason as ArrangementEndReason | null,
      );
    }
    return true;
  }

  /** The creditor row an answer is about: locked with its dossier, from that creditor, in that conversation. */
  private async answerTarget(
    manager: EntityManager,
    message: SkpMessage,
    requestId = message.header.conversationId,
  ) {
    const found = await this.repository.findCreditor(manager, requestId ?? '');
    if (
      !found ||
      found.requestId !== message.header.conversationId ||
      message.header.sender !== found.creditorOin
    ) {
      this.ignore(message, 'an answer must come from the creditor, in its Schuldregeling conversation');
      return null;
    }
    await this.repository.lockDossier(manager, found.caseReference);
    return this.repository.findCreditor(manager, found.requestId);
  }

  /** ACCEPTED/REJECTED come from the hub, DELIVERED from the creditor the message went to. */
  private mayIssueReceipt(receipt: DeliveryReceipt, creditor: string): boolean {
    const { sender } = receipt.header;
    const allowed = receipt.body.status === 'DELIVERED' ? sender === creditor : sender === this.env.HUB_OIN;
    if (!allowed) {
      this.ignore(receipt, 'receipt from a party that may not issue it');
    }
    return allowed;
  }

  private ignore(message: SkpMessage, reason: string): void {
    this.logger.warn(
      {
        messageId: message.header.messageId,
        type: message.header.type,
        conversationId: message.header.conversationId,
        reason,
      },
      'message ignored',
    );
  }
}
