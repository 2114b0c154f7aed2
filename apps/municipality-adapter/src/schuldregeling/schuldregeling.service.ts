import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { answerDeadline } from '@skp/messages';
import { badRequest, InjectLogger, Logger, PartyMessaging } from '@skp/platform';
import { instanceToPlain } from 'class-transformer';
import { DataSource } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { KennisgevingRepository } from '../kennisgeving/kennisgeving.repository';
import type { SubmissionContext } from '../kennisgeving/submission-body';
import { duplicateCreditors } from '../kennisgeving/submission-rules';
import { MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from '../municipality.tokens';
import { prepareBalanceRequests } from './balance-request';
import type { SubmitSchuldregelingDto } from './dto/schuldregeling-requests.dto';
import {
  SchuldregelingSubmittedView,
  SchuldregelingView,
  toSchuldregelingView,
} from './dto/schuldregeling.views';
import { SchuldregelingRepository } from './schuldregeling.repository';

export const NO_DOSSIER = {
  statusCode: 404,
  error: 'Not Found',
  message: 'no Schuldregeling for this case reference',
};

/** Opens a Schuldregeling (one BalanceRequest per creditor, idempotent per case and creditor) and shows it. */
@Injectable()
export class SchuldregelingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SchuldregelingRepository,
    private readonly kennisgevingen: KennisgevingRepository,
    private readonly messaging: PartyMessaging,
    @Inject(SUBMISSION_CONTEXT) private readonly context: SubmissionContext,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async submit(request: SubmitSchuldregelingDto): Promise<SchuldregelingSubmittedView> {
    const duplicates = duplicateCreditors(request.creditors);
    if (duplicates.length > 0) {
      throw badRequest(duplicates);
    }
    const kennisgevingOf = new Map(
      (await this.kennisgevingen.findByCase(request.caseReference))
        .filter((k) => k.state !== 'REJECTED')
        .map((k) => [k.creditorOin, k.messageId]),
    );
    const plain = instanceToPlain(request, { exposeUnsetFields: false }) as SubmitSchuldregelingDto;
    const prepared = prepareBalanceRequests(plain, this.context, kennisgevingOf);
    if (!prepared.ok) {
      throw badRequest(prepared.violations);
    }
    const { caseReference } = request;
    let sent = 0;
    const result = await this.dataSource.transaction(async (manager) => {
      const dossier = await this.repository.ensureAndLock(manager, caseReference, prepared.collective);
      const existing = new Map(
        (await this.repository.creditorsOf(caseReference, manager)).map((r) => [r.creditorOin, r]),
      );
      const creditors: SchuldregelingSubmittedView['creditors'] = [];
      for (const planned of prepared.planned) {
        const earlier = existing.get(planned.creditor);
        if (earlier) {
          creditors.push({
            oin: earlier.creditorOin,
            messageId: earlier.requestId,
            variant: earlier.variant,
            state: earlier.state,
          });
          continue;
        }
        if (dossier.state !== 'OPEN') {
          throw new ConflictException({
            statusCode: 409,
            error: 'Conflict',
            message: 'a proposal went out already: no creditor can be added to this Schuldregeling',
          });
        }
        const sentAt = new Date();
        // the dossier's `collective` is the first request's; a repeat cannot change a sent request
        planned.message.body.collective = dossier.collective;
        await this.repository.insertCreditor(manager, {
          requestId: planned.message.header.messageId,
          caseReference,
          creditorOin: planned.creditor,
          variant: planned.variant,
          state: 'SENT',
          sentAt,
          answerDeadline: answerDeadline(sentAt, this.env.MUNICIPALITY_ANSWER_WORKING_DAYS),
        });
        await this.messaging.send(manager, planned.message);
        sent += 1;
        creditors.push({
          oin: planned.creditor,
          messageId: planned.message.header.messageId,
          variant: planned.variant,
          state: 'SENT',
        });
      }
      return { caseReference, creditors };
    });
    if (sent > 0) {
      this.messaging.published();
      this.logger.info({ caseReference, sent }, 'BalanceRequests queued');
    }
    return result;
  }

  async view(caseReference: string): Promise<SchuldregelingView> {
    const dossier = await this.repository.findDossier(caseReference);
    if (!dossier) {
      throw new NotFoundException(NO_DOSSIER);
    }
    return toSchuldregelingView(dossier, await this.repository.creditorsOf(caseReference));
  }
}
