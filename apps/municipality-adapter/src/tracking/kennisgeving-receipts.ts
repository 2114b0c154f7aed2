import { Inject, Injectable } from '@nestjs/common';
import type { DeliveryReceipt } from '@skp/messages';
import { InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { nextState } from '../kennisgeving/creditor-state';
import {
  KennisgevingRepository,
  LockedKennisgeving,
  NewEvent,
  StatePatch,
} from '../kennisgeving/kennisgeving.repository';
import { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { MUNICIPALITY_ENV } from '../municipality.tokens';
import { contradicts, mayIssueReceipt, receiptDetail } from './receipt-rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Receipts about Kennisgevingen, many at a time: one statement locks the Kennisgevingen they are
 * about, one adds their events, one moves the states. Each receipt is judged in order against the
 * state the ones before it left, exactly as one receipt at a time would be.
 */
@Injectable()
export class KennisgevingReceipts {
  constructor(
    private readonly repository: KennisgevingRepository,
    private readonly metrics: MunicipalityMetrics,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  /** Applies the receipts about Kennisgevingen; returns the others (about anything else), in order. */
  async recordAboutKennisgevingen(
    manager: EntityManager,
    receipts: DeliveryReceipt[],
  ): Promise<DeliveryReceipt[]> {
    const about = (r: DeliveryReceipt): string => (r.header.inReplyTo ?? '').toLowerCase();
    const ids = [...new Set(receipts.map(about).filter((id) => UUID.test(id)))];
    const locked = new Map(
      (await this.repository.findManyForUpdate(manager, ids)).map((k) => [k.messageId, k]),
    );
    const others: DeliveryReceipt[] = [];
    const events: NewEvent[] = [];
    const patches = new Map<string, StatePatch>();
    for (const receipt of receipts) {
      const kennisgeving = locked.get(about(receipt));
      if (!kennisgeving) {
        others.push(receipt);
        continue;
      }
      events.push(this.apply(receipt, kennisgeving, patches));
    }
    await this.repository.addEvents(manager, events);
    await this.repository.updateStates(manager, [...patches.values()]);
    return others;
  }

  /** One receipt against the Kennisgeving as the receipts before it left it: its event. */
  private apply(
    receipt: DeliveryReceipt,
    kennisgeving: LockedKennisgeving,
    patches: Map<string, StatePatch>,
  ): NewEvent {
    const { header, body } = receipt;
    const refusal =
      mayIssueReceipt(receipt, kennisgeving.creditorOin, this.env.HUB_OIN) ??
      contradicts(receipt, kennisgeving.state !== 'SENT' && kennisgeving.state !== 'REJECTED');
    if (refusal) {
      this.logger.warn(
        { messageId: header.messageId, conversationId: kennisgeving.messageId, reason: refusal },
        'message ignored',
      );
      return {
        messageId: kennisgeving.messageId,
        kind: 'IGNORED',
        detail: { ignoredId: header.messageId, type: header.type, from: header.sender, reason: refusal },
      };
    }
    this.metrics.receipts.inc({ status: body.status, about: 'Kennisgeving' });
    const next = nextState(kennisgeving.state, { kind: body.status });
    if (next) {
      kennisgeving.state = next;
      const patch = patches.get(kennisgeving.messageId) ?? { messageId: kennisgeving.messageId, state: next };
      patch.state = next;
      if (next === 'REJECTED') {
        patch.reasonCode = body.reasonCode ?? null;
      }
      patches.set(kennisgeving.messageId, patch);
    }
    return {
      messageId: kennisgeving.messageId,
      kind: body.status,
      detail: { ...receiptDetail(receipt), stateChanged: next !== null },
    };
  }
}
