import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { buildReplyHeader, type HelpRequestStatus, type UnsignedMessage } from '@skp/messages';
import { badField, badRequest, InjectLogger, Logger, PartyMessaging } from '@skp/platform';
import { DataSource, EntityManager } from 'typeorm';
import { KennisgevingService, SubmissionResult } from '../kennisgeving/kennisgeving.service';
import { prepareSubmission, SubmissionContext } from '../kennisgeving/submission';
import { SUBMISSION_CONTEXT } from '../municipality.tokens';
import type { HelpRequestStatusDto } from './dto/help-request.dto';
import {
  HelpRequestListView,
  HelpRequestView,
  toHelpRequestView,
  toListItemView,
} from './dto/help-request.views';
import { statusChangeRefusal } from './help-request-state';
import { HelpRequestRepository, HelpRequestRow } from './help-request.repository';

const conflict = (message: string) => new ConflictException({ statusCode: 409, error: 'Conflict', message });

/**
 * The case worker's side of a resident's HelpRequest: the list, one request, and a status change
 * that is stored and acknowledged to the hub in one transaction. ADMITTED also opens the case (its
 * Kennisgevingen with signal 1) in that same transaction, so there is never an admitted request
 * without its case, nor a case whose request still looks open.
 */
@Injectable()
export class HelpRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: HelpRequestRepository,
    private readonly kennisgevingen: KennisgevingService,
    private readonly messaging: PartyMessaging,
    @Inject(SUBMISSION_CONTEXT) private readonly context: SubmissionContext,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async list(limit: number, offset: number, now = new Date()): Promise<HelpRequestListView> {
    const rows = await this.repository.list(limit + 1, offset);
    return {
      items: rows.slice(0, limit).map((row) => toListItemView(row, now)),
      limit,
      offset,
      ...(rows.length > limit ? { nextOffset: offset + limit } : {}),
    };
  }

  async view(id: string, now = new Date()): Promise<HelpRequestView> {
    const row = await this.repository.find(id);
    if (!row) {
      throw new NotFoundException('no such help request');
    }
    return toHelpRequestView(row, await this.repository.acknowledgements(id), now);
  }

  async changeStatus(id: string, change: HelpRequestStatusDto, now = new Date()): Promise<HelpRequestView> {
    let opened: SubmissionResult | undefined;
    await this.dataSource.transaction(async (manager) => {
      const request = await this.repository.findForUpdate(manager, id);
      if (!request) {
        throw new NotFoundException('no such help request');
      }
      const refusal = statusChangeRefusal(request.status, change.status);
      if (refusal) {
        throw conflict(refusal);
      }
      if (change.status === 'ADMITTED') {
        opened = await this.openCase(manager, change.case ?? {});
      }
      await this.repository.updateStatus(manager, id, {
        status: change.status,
        at: now,
        ...(opened ? { caseReference: opened.caseReference } : {}),
      });
      await this.acknowledge(manager, request, change.status, now);
    });
    this.messaging.published();
    if (opened) {
      this.kennisgevingen.afterCommit([opened]);
    }
    this.logger.info(
      { messageId: id, status: change.status, caseReference: opened?.caseReference },
      'HelpRequest status changed',
    );
    return this.view(id, now);
  }

  /** The new case, checked as `POST /kennisgevingen` checks one; it must be a new case reference. */
  private async openCase(manager: EntityManager, raw: Record<string, unknown>): Promise<SubmissionResult> {
    // the Pauzeknop signal: the resident asked for help themselves (DESIGN §11)
    const prepared = prepareSubmission({ ...raw, signal: 1 }, this.context);
    if (!prepared.ok) {
      throw badRequest(
        prepared.violations.map((v) => ({ ...v, field: v.field ? `case.${v.field}` : 'case' })),
      );
    }
    const opened = await this.kennisgevingen.storeAndQueue(manager, prepared);
    if (opened.messages.some((m) => !m.created)) {
      // a case sent before would keep its earlier Kennisgevingen, without signal 1
      throw badField('case.caseReference', 'new-case', 'this case reference is in use: give a new one');
    }
    return opened;
  }

  private async acknowledge(
    manager: EntityManager,
    request: HelpRequestRow,
    status: HelpRequestStatus,
    now: Date,
  ): Promise<void> {
    const message: UnsignedMessage<'HelpRequestAcknowledgement'> = {
      header: buildReplyHeader('HelpRequestAcknowledgement', {
        messageId: request.messageId,
        sender: request.sender,
        recipient: this.messaging.oin,
        conversationId: request.conversationId,
      }),
      body: { status },
    };
    await this.repository.insertAcknowledgement(manager, {
      messageId: message.header.messageId,
      helpRequestId: request.messageId,
      status,
      sentAt: now,
    });
    await this.messaging.send(manager, message);
  }
}
