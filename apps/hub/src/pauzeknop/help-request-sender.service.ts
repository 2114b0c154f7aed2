import { Inject, Injectable } from '@nestjs/common';
import { SIGNING_IDENTITY, signMessage, SigningIdentity } from '@skp/crypto';
import {
  AmqpNames,
  answerDeadline,
  encode,
  helpRequestReference,
  newMessageId,
  signingInput,
  SkpMessage,
} from '@skp/messages';
import { PublishAfterCommit } from '@skp/platform';
import { createHash } from 'node:crypto';
import type { HubEnv } from '../config/hub.env';
import { DeliveryRecordRepository } from '../delivery-record/delivery-record.repository';
import type { RecordChanges } from '../delivery-record/record-rows';
import { HUB_AMQP_NAMES, HUB_ENV } from '../hub.tokens';
import { messageRow, timelineEvent, toPartyQueue } from '../inbound/effect-builders';
import { deadlineWorkingDays } from '../inbound/inbound-decider';
import { sha256 } from '../inbound/inspection';
import type { HelpRequestMessage } from './help-request-body';

export interface SentHelpRequest {
  messageId: string;
  reference: string;
  contactDueBy: Date;
}

/** A reference another request already has (the unique index on the ROUTED event's detail). */
const REFERENCE_TAKEN = 'message_event_help_request_reference';
const REFERENCE_ATTEMPTS = 3;

/**
 * The hub as the sender of a resident's HelpRequest (DESIGN §11): signed with the hub's own key,
 * recorded as a routed message (first-contact deadline, conversation REQUESTED, the reference on
 * its ROUTED event) together with its outbox publish to the municipality's queue, in one
 * transaction of the delivery record; published right after the commit, the relay as safety net.
 */
@Injectable()
export class HelpRequestSender {
  private readonly signerFingerprint: string;

  constructor(
    @Inject(SIGNING_IDENTITY) private readonly identity: SigningIdentity,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
    private readonly record: DeliveryRecordRepository,
    private readonly outbox: PublishAfterCommit,
  ) {
    this.signerFingerprint = createHash('sha256').update(identity.certificate.raw).digest('hex');
  }

  get hubOin(): string {
    return this.identity.oin;
  }

  /**
   * Signs, records and publishes the request. Its reference comes from its messageId; should another
   * request already have that reference (the unique index), it goes out under a new messageId.
   */
  async send(message: HelpRequestMessage, now = new Date()): Promise<SentHelpRequest> {
    const contactDueBy = answerDeadline(now, deadlineWorkingDays('FIRST_CONTACT', this.env));
    for (let attempt = 1; ; attempt++) {
      const header = { ...message.header, messageId: newMessageId() };
      const signed = signMessage(
        { ...message, header: { ...header, conversationId: header.messageId } },
        this.identity,
      );
      const reference = helpRequestReference(signed.header.messageId);
      const changes = this.changesOf(signed, encode(signed, 'json'), now, contactDueBy, reference);
      try {
        const { publishes } = await this.record.applyEffects([changes]);
        void this.outbox.publish(publishes);
        return { messageId: signed.header.messageId, reference, contactDueBy };
      } catch (error) {
        if (attempt >= REFERENCE_ATTEMPTS || !isReferenceTaken(error)) {
          throw error;
        }
      }
    }
  }

  private changesOf(
    signed: SkpMessage<'HelpRequest'>,
    raw: string,
    now: Date,
    contactDueBy: Date,
    reference: string,
  ): RecordChanges {
    const { header } = signed;
    const delivery = {
      content: Buffer.from(raw, 'utf8'),
      contentType: 'application/json',
      routingKey: header.sender,
    };
    const row = messageRow({ ...header, inReplyTo: null }, delivery, now, {
      state: 'ROUTED',
      contentHash: sha256(signingInput(signed)),
      raw,
      signerFingerprint: this.signerFingerprint,
      routedAt: now,
      deadlineAt: contactDueBy,
      conversationState: 'REQUESTED',
    });
    return {
      insert: row,
      events: [
        timelineEvent(header.messageId, now, 'RECEIVED', 'RECEIVED', header.sender, { source: 'pauzeknop' }),
        timelineEvent(header.messageId, now, 'ROUTED', 'ROUTED', header.recipient, {
          helpRequestReference: reference,
        }),
      ],
      moves: [],
      outbox: [toPartyQueue(this.names, header.recipient, header.messageId, header.type, raw)],
    };
  }
}

function isReferenceTaken(error: unknown): boolean {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === REFERENCE_TAKEN;
}
