import { Injectable, NotFoundException } from '@nestjs/common';
import { buildHeader, UnsignedMessage, validateUnsigned } from '@skp/messages';
import { badRequest, PartyMessaging } from '@skp/platform';
import { DataSource } from 'typeorm';
import { fieldViolation } from '../kennisgeving/field-violation';
import { KennisgevingRepository } from '../kennisgeving/kennisgeving.repository';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import type { ProgressRequestDto } from './dto/progress-request.dto';
import { prepareProgress } from './progress-request';

export interface ProgressResult {
  caseReference: string;
  updates: Array<{ creditor: string; messageId: string; conversationId: string }>;
  skipped: Array<{ creditor: string; conversationId: string; reason: string }>;
}

/** Sends one ProgressUpdate to every creditor of a case, in each creditor's own conversation. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: KennisgevingRepository,
    private readonly messaging: PartyMessaging,
    private readonly metrics: MunicipalityMetrics,
  ) {}

  async sendProgress(caseReference: string, request: ProgressRequestDto): Promise<ProgressResult> {
    const result = await this.dataSource.transaction(async (manager) => {
      await this.repository.lockCase(manager, caseReference);
      const records = await this.repository.findByCase(caseReference, manager);
      if (records.length === 0) {
        throw new NotFoundException({
          statusCode: 404,
          error: 'Not Found',
          message: 'no Kennisgevingen for this case reference',
        });
      }
      const prepared = prepareProgress(request, [...new Set(records.map((r) => r.pauseStart))]);
      if (!prepared.ok) {
        throw badRequest(prepared.violations);
      }
      const outcome: ProgressResult = { caseReference, updates: [], skipped: [] };
      for (const record of records) {
        if (record.state === 'REJECTED') {
          // the hub refused the Kennisgeving: there is no conversation to continue
          outcome.skipped.push({
            creditor: record.creditorOin,
            conversationId: record.messageId,
            reason: 'Kennisgeving was rejected',
          });
          continue;
        }
        const message: UnsignedMessage<'ProgressUpdate'> = {
          header: buildHeader({
            type: 'ProgressUpdate',
            sender: this.messaging.oin,
            recipient: record.creditorOin,
            conversationId: record.messageId,
          }),
          body: prepared.body,
        };
        const violations = validateUnsigned(message);
        if (violations.length > 0) {
          throw badRequest(violations.map((v) => fieldViolation(v.path.replace(/^body\./, ''), v.rule)));
        }
        const sentAt = new Date();
        await this.repository.insertProgress(manager, {
          messageId: message.header.messageId,
          kennisgevingId: record.messageId,
          status: prepared.body.status,
          newPauseEnd: prepared.body.newPauseEnd ?? null,
          endReason: prepared.body.endReason ?? null,
          state: 'SENT',
          sentAt,
        });
        const detail: Record<string, unknown> = {
          progressUpdateId: message.header.messageId,
          status: prepared.body.status,
        };
        if (prepared.body.newPauseEnd) {
          detail.newPauseEnd = prepared.body.newPauseEnd;
        }
        if (prepared.body.endReason) {
          detail.endReason = prepared.body.endReason;
        }
        await this.repository.addEvents(manager, [
          { messageId: record.messageId, kind: 'PROGRESS_SENT', at: sentAt, detail },
        ]);
        await this.messaging.send(manager, message);
        outcome.updates.push({
          creditor: record.creditorOin,
          messageId: message.header.messageId,
          conversationId: record.messageId,
        });
      }
      return outcome;
    });
    if (result.updates.length > 0) {
      this.messaging.published();
      this.metrics.progressUpdates.inc(
        { status: (request as { status: string }).status },
        result.updates.length,
      );
    }
    return result;
  }
}
