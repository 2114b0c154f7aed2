import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { Kennisgeving, PauseAcknowledgementBody, ProgressUpdate } from '@skp/messages';
import { badRequest, InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import type { CreditorPolicy } from '../config/creditor-policy';
import { CREDITOR_POLICY } from '../creditor.tokens';
import { CreditorMetrics } from '../metrics/creditor.metrics';
import { todayInAmsterdam } from '@skp/messages';
import { toDebtorKey } from './debtor-key';
import type { PauseLookupDto } from './dto/pause-lookup.dto';
import {
  applyAcknowledgement,
  applyProgressUpdate,
  pauseFromKennisgeving,
  PauseStatus,
  summariseDebtorPause,
} from './pause-rules';
import { PauseRepository } from './pause.repository';

/** The pause register: what the creditor's collection system asks before it collects. */
@Injectable()
export class PauseRegister {
  constructor(
    private readonly pauses: PauseRepository,
    @Inject(CREDITOR_POLICY) private readonly policy: CreditorPolicy,
    private readonly metrics: CreditorMetrics,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Every Kennisgeving starts a pause (a debtor's pauses add up at lookup). */
  async registerKennisgeving(manager: EntityManager, message: Kennisgeving): Promise<void> {
    const { header, body } = message;
    await this.pauses.insert(
      manager,
      pauseFromKennisgeving(header.conversationId, header.sender, body, this.policy.bsnAllowed),
    );
  }

  async applyProgressUpdate(manager: EntityManager, message: ProgressUpdate): Promise<void> {
    const pause = await this.pauses.findForUpdate(manager, message.header.conversationId);
    if (!pause || pause.municipalityOin !== message.header.sender) {
      // The hub routes an update only within a conversation it knows; log it, store it, move on.
      this.logger.warn(
        { messageId: message.header.messageId, conversationId: message.header.conversationId },
        'progress update for a conversation without a pause in the register',
      );
      return;
    }
    await this.pauses.save(manager, applyProgressUpdate(pause, message.body, todayInAmsterdam()));
  }

  /** This creditor's own answer decides its collection: confirmed end, or no pause at all. */
  async applyAnswer(
    manager: EntityManager,
    conversationId: string,
    answer: PauseAcknowledgementBody,
  ): Promise<void> {
    const pause = await this.pauses.findForUpdate(manager, conversationId);
    if (pause) {
      await this.pauses.save(manager, applyAcknowledgement(pause, answer, todayInAmsterdam()));
    }
  }

  async lookup(input: PauseLookupDto): Promise<PauseStatus> {
    const parsed = toDebtorKey(input);
    if (!parsed.ok) {
      this.metrics.lookups.inc({ key: 'invalid', outcome: 'refused' });
      throw badRequest(parsed.violations);
    }
    const { key } = parsed;
    if (key.kind === 'bsn' && !this.policy.bsnAllowed) {
      this.metrics.lookups.inc({ key: key.kind, outcome: 'refused' });
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        field: 'bsn',
        rule: 'bsn-not-allowed',
        message:
          'bsn: this creditor may not process the BSN; look up by customerNumber or surname + birthDate + postcode',
      });
    }
    const today = todayInAmsterdam();
    const status = summariseDebtorPause(await this.pauses.findCurrent(key, today), today);
    this.metrics.lookups.inc({ key: key.kind, outcome: status.paused ? 'paused' : 'not_paused' });
    return status;
  }
}
