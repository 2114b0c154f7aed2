import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { answerDeadline, SkpMessage } from '@skp/messages';
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
import type { KennisgevingRecord } from './entities/kennisgeving-record.entity';
import { KennisgevingRepository, NewEvent } from './kennisgeving.repository';
import { PreparedSubmission, prepareSubmission, SubmissionContext } from './submission';

export interface SubmittedMessage extends SubmittedMessageView {
  /** false when (caseReference, creditor) was sent before: nothing new went out */
  created: boolean;
}

/** A request that passed every check, ready to store. */
export type ReadySubmission = Extract<PreparedSubmission, { ok: true }>;

type NewKennisgeving = Omit<KennisgevingRecord, 'updatedAt'>;

const caseCreditor = (caseReference: string, creditor: string): string => `${caseReference}\u0000${creditor}`;

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

  async submitPrepared(prepared: ReadySubmission): Promise<SubmissionResult> {
    const stored = await this.dataSource.transaction((manager) => this.storeAndQueue(manager, prepared));
    this.afterCommit([stored]);
    return stored;
  }

  /**
   * Stores the case's new Kennisgevingen and queues them in the caller's transaction; creditors
   * that had one for this case already get the earlier message back (`created: false`). Call
   * `afterCommit` with the results once that transaction committed.
   */
  async storeAndQueue(manager: EntityManager, prepared: ReadySubmission): Promise<SubmissionResult> {
    const [result] = await this.storeAndQueueMany(manager, [prepared]);
    return result;
  }

  /**
   * `storeAndQueue` for several cases at once, with one statement per table whatever their number
   * (an import chunk). A statement refused for one case's content refuses them all: the caller
   * rolls back to a savepoint and stores them one by one to find the case.
   */
  async storeAndQueueMany(manager: EntityManager, prepared: ReadySubmission[]): Promise<SubmissionResult[]> {
    if (prepared.length === 0) {
      return [];
    }
    const references = prepared.map((p) => p.caseReference);
    await this.repository.lockCases(manager, references);
    await this.cases.saveDebtors(
      manager,
      prepared.map(({ caseReference, debtor }) => ({ caseReference, label: debtorLabel(debtor), debtor })),
    );
    const existing = new Map(
      (await this.repository.findByCases(manager, references)).map((r) => [
        caseCreditor(r.caseReference, r.creditorOin),
        r,
      ]),
    );
    const sentAt = new Date();
    const deadline = answerDeadline(sentAt, this.env.MUNICIPALITY_ANSWER_WORKING_DAYS);
    const records: NewKennisgeving[] = [];
    const events: NewEvent[] = [];
    const signed: SkpMessage[] = [];
    const results = prepared.map(({ caseReference, pause, planned }) => ({
      caseReference,
      messages: planned.map((p): SubmittedMessage => {
        const earlier = existing.get(caseCreditor(caseReference, p.creditor));
        if (earlier) {
          return { ...toSubmittedMessageView(earlier), created: false };
        }
        const messageId = p.message.header.messageId;
        records.push({
          messageId,
          caseReference,
          creditorOin: p.creditor,
          variant: p.variant,
          state: 'SENT',
          pauseStart: pause.start,
          pauseEnd: pause.end,
          sentAt,
          answerDeadline: deadline,
          pausedUntil: null,
          declineReason: null,
          reasonCode: null,
        });
        events.push({
          messageId,
          kind: 'SENT',
          at: sentAt,
          detail: { variant: p.variant, pauseStart: pause.start, pauseEnd: pause.end },
        });
        signed.push(this.messaging.sign(p.message));
        return { messageId, creditor: p.creditor, variant: p.variant, state: 'SENT', created: true };
      }),
    }));
    await this.repository.insertMany(manager, records);
    await this.repository.addEvents(manager, events);
    await this.messaging.enqueue(manager, signed);
    return results;
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
