import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { answerDeadline } from '@skp/messages';
import { badRequest, InjectLogger, Logger, PartyMessaging } from '@skp/platform';
import { instanceToPlain } from 'class-transformer';
import { DataSource, EntityManager } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from '../municipality.tokens';
import { CaseView, SubmittedMessageView, toCaseView, toSubmittedMessageView } from './dto/kennisgeving.views';
import type { SubmitKennisgevingDto } from './dto/submit-kennisgeving.dto';
import { CaseListRepository } from './case-list.repository';
import { debtorLabel } from './debtor-label';
import { KennisgevingRepository } from './kennisgeving.repository';
import { PreparedSubmission, prepareSubmission, SubmissionContext } from './submission';

export interface SubmittedMessage extends SubmittedMessageView {
  /** false when (caseReference, creditor) was sent before: nothing new went out */
  created: boolean;
}

export interface SubmissionResult {
  caseReference: string;
  messages: SubmittedMessage[];
}

/** Submits Kennisgevingen (one per creditor, idempotent per case and creditor) and reports on them. */
@Injectable()
export class KennisgevingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: KennisgevingRepository,
    private readonly cases: CaseListRepository,
    private readonly messaging: PartyMessaging,
    private readonly metrics: MunicipalityMetrics,
    @Inject(SUBMISSION_CONTEXT) private readonly context: SubmissionContext,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Validates the whole request and the built messages, then stores and sends in one transaction. */
  async submit(request: SubmitKennisgevingDto): Promise<SubmissionResult> {
    // The plain request, without the fields a DTO instance declares but the caller left out.
    const prepared = prepareSubmission(instanceToPlain(request, { exposeUnsetFields: false }), this.context);
    if (!prepared.ok) {
      throw badRequest(prepared.violations);
    }
    return this.submitPrepared(prepared);
  }

  async submitPrepared(prepared: Extract<PreparedSubmission, { ok: true }>): Promise<SubmissionResult> {
    const stored = await this.dataSource.transaction((manager) => this.storeAndQueue(manager, prepared));
    this.afterCommit([stored]);
    return stored;
  }

  /**
   * Stores the case's new Kennisgevingen and queues them in the caller's transaction; creditors
   * that had one for this case already get the earlier message back (`created: false`). Call
   * `afterCommit` with the results once that transaction committed.
   */
  async storeAndQueue(
    manager: EntityManager,
    prepared: Extract<PreparedSubmission, { ok: true }>,
  ): Promise<SubmissionResult> {
    const { caseReference, pause, debtor } = prepared;
    await this.repository.lockCase(manager, caseReference);
    await this.cases.saveDebtor(manager, caseReference, debtorLabel(debtor), debtor);
    const existing = new Map(
      (await this.repository.findByCase(caseReference, manager)).map((r) => [r.creditorOin, r]),
    );
    const messages: SubmittedMessage[] = [];
    for (const planned of prepared.planned) {
      const earlier = existing.get(planned.creditor);
      if (earlier) {
        messages.push({ ...toSubmittedMessageView(earlier), created: false });
        continue;
      }
      const messageId = planned.message.header.messageId;
      const sentAt = new Date();
      await this.repository.insert(manager, {
        messageId,
        caseReference,
        creditorOin: planned.creditor,
        variant: planned.variant,
        state: 'SENT',
        pauseStart: pause.start,
        pauseEnd: pause.end,
        sentAt,
        answerDeadline: answerDeadline(sentAt, this.env.MUNICIPALITY_ANSWER_WORKING_DAYS),
        pausedUntil: null,
        declineReason: null,
        reasonCode: null,
      });
      await this.repository.addEvents(manager, [
        {
          messageId,
          kind: 'SENT',
          at: sentAt,
          detail: { variant: planned.variant, pauseStart: pause.start, pauseEnd: pause.end },
        },
      ]);
      await this.messaging.send(manager, planned.message);
      messages.push({
        messageId,
        creditor: planned.creditor,
        variant: planned.variant,
        state: 'SENT',
        created: true,
      });
    }
    return { caseReference, messages };
  }

  /** Wakes the outbox relay and counts what the committed submissions created. */
  afterCommit(results: SubmissionResult[]): void {
    let sent = 0;
    for (const { caseReference, messages } of results) {
      const created = messages.filter((m) => m.created);
      created.forEach((m) => this.metrics.submitted.inc({ variant: m.variant }));
      if (created.length > 0 && results.length === 1) {
        this.logger.info({ caseReference, sent: created.length }, 'Kennisgevingen queued');
      }
      sent += created.length;
    }
    if (sent > 0) {
      this.messaging.published();
    }
  }

  async caseView(caseReference: string): Promise<CaseView> {
    const records = await this.repository.findByCase(caseReference);
    if (records.length === 0) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no Kennisgevingen for this case reference',
      });
    }
    const [events, debtor] = await Promise.all([
      this.repository.eventsOf(records.map((r) => r.messageId)),
      this.cases.debtorOf(caseReference),
    ]);
    return toCaseView(caseReference, records, events, debtor);
  }
}
