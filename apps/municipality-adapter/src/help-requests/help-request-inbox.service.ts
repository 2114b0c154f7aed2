import { Inject, Injectable } from '@nestjs/common';
import { helpRequestReference, type DeliveryReceipt, type SkpMessage } from '@skp/messages';
import { InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MUNICIPALITY_ENV } from '../municipality.tokens';
import { contactDueAt } from './help-request-state';
import { HelpRequestRepository } from './help-request.repository';

/**
 * Stores the residents' HelpRequests from the adapter's own queue (inside PartyMessaging's
 * transaction, after its signature was verified and its DELIVERED receipt queued), and the hub's
 * receipts about the acknowledgements this municipality sent.
 */
@Injectable()
export class HelpRequestInboxService {
  constructor(
    private readonly repository: HelpRequestRepository,
    @Inject(MUNICIPALITY_ENV) private readonly env: MunicipalityEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async recordRequest(
    manager: EntityManager,
    message: SkpMessage<'HelpRequest'>,
    now = new Date(),
  ): Promise<void> {
    const { header, body } = message;
    if (header.sender !== this.env.HUB_OIN) {
      // only the hub makes a HelpRequest, from its public page: anything else is not a resident's request
      this.logger.warn(
        { messageId: header.messageId, from: header.sender },
        'HelpRequest not signed by the hub; stored and ignored',
      );
      return;
    }
    const stored = await this.repository.insert(manager, {
      messageId: header.messageId,
      conversationId: header.conversationId,
      sender: header.sender,
      reference: helpRequestReference(header.messageId),
      receivedAt: now,
      contactDueAt: contactDueAt(now, this.env.MUNICIPALITY_HELP_REQUEST_CONTACT_WORKING_DAYS),
      urgent: body.urgent,
      resident: body.resident,
      contact: body.contact,
      description: body.description ?? null,
      consentAt: new Date(body.consentAt),
    });
    if (stored) {
      this.logger.info(
        { messageId: header.messageId, conversationId: header.conversationId, urgent: body.urgent },
        'HelpRequest received',
      );
    }
  }

  /** A receipt about an acknowledgement this adapter sent; false when it is about something else. */
  async recordReceipt(manager: EntityManager, receipt: DeliveryReceipt): Promise<boolean> {
    const about = receipt.header.inReplyTo ?? '';
    if (receipt.header.sender !== this.env.HUB_OIN) {
      return false; // only the hub answers an acknowledgement; anything else is not about one
    }
    const known = await this.repository.recordAcknowledgementReceipt(manager, about, receipt.body.status);
    if (known && receipt.body.status === 'REJECTED') {
      this.logger.warn(
        { messageId: receipt.header.messageId, inReplyTo: about, reasonCode: receipt.body.reasonCode },
        'the hub refused a HelpRequestAcknowledgement',
      );
    }
    return known;
  }
}
