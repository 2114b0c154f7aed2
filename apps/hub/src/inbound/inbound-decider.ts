import { Inject, Injectable } from '@nestjs/common';
import { AmqpNames, answerDeadline, isStale, ReasonCode, SkpMessage } from '@skp/messages';
import { HUB_AMQP_NAMES, HUB_ENV } from '../hub.tokens';
import type { HubEnv } from '../config/hub.env';
import type { PartySnapshot } from '../parties/parties.service';
import { authorise, KnownMessage, unprovenSigner } from './authorisation';
import type { NewMessageRow } from '../delivery-record/record-rows';
import type { Effects } from './effects';
import {
  deadLetterOf,
  forwardAsReceived,
  knownRecordOf,
  messageRow,
  receiptIdOf,
  timelineEvent,
  toPartyQueue,
} from './effect-builders';
import { InboundDelivery, Inspection, LooseHeader, looseHeaderOf } from './inspection';
import { ReceiptFactory } from './receipt-factory';

/** An earlier message as the pipeline needs it: authorisation facts plus duplicate evidence. */
export interface KnownRecord extends KnownMessage {
  contentHash: string | null;
  receiptRaw: string | null;
}

export interface DecisionContext {
  now: Date;
  /** answer deadline for a Kennisgeving routed at `now`, computed once per batch */
  deadline?: Date;
  parties: Map<string, PartySnapshot>;
  known: Map<string, KnownRecord>;
}

/** Turns one inspected delivery into the effects it has: record, route, receipts, state moves. */
@Injectable()
export class InboundDecider {
  constructor(
    private readonly receipts: ReceiptFactory,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
    @Inject(HUB_ENV) private readonly env: HubEnv,
  ) {}

  decide(delivery: InboundDelivery, inspection: Inspection, ctx: DecisionContext): Effects {
    switch (inspection.kind) {
      case 'unverifiable':
        return this.deadLetter(delivery, inspection.reasonCode, inspection.reason);
      case 'invalid': {
        // No receipt unless a registered party's own certificate signed it (DESIGN §3, issue 9).
        const unproven = inspection.signerFingerprint
          ? unprovenSigner(inspection.header.sender ?? '', inspection.signerFingerprint, ctx.parties)
          : { reasonCode: inspection.reasonCode, reason: inspection.reason };
        if (unproven) {
          return this.deadLetter(delivery, unproven.reasonCode, unproven.reason);
        }
        return this.rejectOrDuplicate(delivery, inspection.header, inspection, ctx);
      }
      case 'valid': {
        const { header } = inspection.message;
        const unproven = unprovenSigner(header.sender, inspection.signerFingerprint, ctx.parties);
        if (unproven) {
          return this.deadLetter(delivery, unproven.reasonCode, unproven.reason);
        }
        return this.accept(delivery, inspection, ctx);
      }
    }
  }

  private accept(
    delivery: InboundDelivery,
    inspection: Extract<Inspection, { kind: 'valid' }>,
    ctx: DecisionContext,
  ): Effects {
    const { message } = inspection;
    const header = message.header;
    const existing = ctx.known.get(header.messageId);
    if (existing) {
      return this.duplicate(delivery, existing, inspection.hash, looseHeaderOf(message), ctx);
    }
    const refusal = isStale(header.createdAt, ctx.now)
      ? {
          reasonCode: 'STALE' as const,
          reason: 'createdAt is older than 7 days or more than 5 minutes ahead',
        }
      : authorise({
          message,
          signerFingerprint: inspection.signerFingerprint,
          parties: ctx.parties,
          known: (id) => ctx.known.get(id),
        });
    if (refusal) {
      return this.reject(delivery, looseHeaderOf(message), { ...inspection, ...refusal }, ctx);
    }
    return this.route(delivery, inspection, ctx);
  }

  private route(
    delivery: InboundDelivery,
    inspection: Extract<Inspection, { kind: 'valid' }>,
    ctx: DecisionContext,
  ): Effects {
    const { message, raw } = inspection;
    const { header } = message;
    const now = ctx.now;
    const effects: Effects = {
      events: [],
      moves: [],
      outbox: [],
      outcome: { type: header.type, outcome: 'routed' },
    };
    const kennisgeving = header.type === 'Kennisgeving' ? (message as SkpMessage<'Kennisgeving'>).body : null;
    const row = messageRow(looseHeaderOf(message), delivery, now, {
      state: 'ROUTED',
      contentHash: inspection.hash,
      raw,
      signerFingerprint: inspection.signerFingerprint,
      routedAt: now,
      deadlineAt: kennisgeving
        ? (ctx.deadline ??= answerDeadline(now, this.env.ANSWER_DEADLINE_WORKING_DAYS))
        : null,
      finalAt: kennisgeving ? null : now,
      pauseStart: kennisgeving?.pause.start ?? null,
      pauseEnd: kennisgeving?.pause.end ?? null,
    });
    effects.events.push(timelineEvent(header.messageId, now, 'RECEIVED', 'RECEIVED', header.sender));
    effects.outbox.push(
      forwardAsReceived(this.names, delivery, header.recipient, header.messageId, header.type),
    );
    effects.events.push(timelineEvent(header.messageId, now, 'ROUTED', 'ROUTED', header.recipient));

    if (header.type === 'DeliveryReceipt') {
      const about = header.inReplyTo as string;
      effects.moves.push({ kind: 'delivered', messageId: about, at: now });
      effects.events.push(
        timelineEvent(about, now, 'DELIVERED', 'DELIVERED', header.messageId, { receipt: header.messageId }),
      );
    } else {
      const receipt = this.receipts.accepted({
        messageId: header.messageId,
        sender: header.sender,
        conversationId: header.conversationId,
      });
      row.receiptRaw = receipt.raw;
      effects.outbox.push(
        toPartyQueue(this.names, header.sender, receipt.messageId, 'DeliveryReceipt', receipt.raw),
      );
      effects.events.push(
        timelineEvent(header.messageId, now, 'RECEIPT_ISSUED', null, receipt.messageId, {
          status: 'ACCEPTED',
        }),
      );
    }
    if (header.type === 'PauseAcknowledgement') {
      const body = (message as SkpMessage<'PauseAcknowledgement'>).body;
      const answered = header.inReplyTo as string;
      effects.moves.push({
        kind: 'answered',
        messageId: answered,
        at: now,
        decision: body.decision,
        pausedUntil: body.pausedUntil ?? null,
        declineReason: body.declineReason ?? null,
      });
      effects.events.push(
        timelineEvent(answered, now, 'ANSWERED', body.decision, header.messageId, {
          decision: body.decision,
          ...(body.pausedUntil ? { pausedUntil: body.pausedUntil } : {}),
          ...(body.declineReason ? { declineReason: body.declineReason } : {}),
        }),
      );
    }
    return this.recordNew(effects, row, ctx);
  }

  private rejectOrDuplicate(
    delivery: InboundDelivery,
    header: LooseHeader,
    inspection: { raw: string; hash: string; reasonCode: ReasonCode; reason: string },
    ctx: DecisionContext,
  ): Effects {
    const existing = ctx.known.get(header.messageId);
    return existing
      ? this.duplicate(delivery, existing, inspection.hash, header, ctx)
      : this.reject(delivery, header, inspection, ctx);
  }

  /** A proven sender broke a rule: recorded as REJECTED, and that sender gets a signed receipt. */
  private reject(
    delivery: InboundDelivery,
    header: LooseHeader,
    inspection: { raw: string; hash: string; reasonCode: ReasonCode; reason: string },
    ctx: DecisionContext,
  ): Effects {
    const now = ctx.now;
    const effects: Effects = {
      events: [],
      moves: [],
      outbox: [],
      outcome: { type: header.type, outcome: 'rejected', reasonCode: inspection.reasonCode },
    };
    const row = messageRow(header, delivery, now, {
      state: 'REJECTED',
      reasonCode: inspection.reasonCode,
      contentHash: inspection.hash,
      // Postgres text holds no NUL character (an XML comment may carry one): such a body is not kept.
      raw: inspection.raw.includes('\u0000') ? null : inspection.raw,
      finalAt: now,
    });
    effects.events.push(
      timelineEvent(header.messageId, now, 'RECEIVED', 'RECEIVED', header.sender, {
        deliveryCount: delivery.deliveryCount ?? 0,
      }),
    );
    effects.events.push(
      timelineEvent(header.messageId, now, 'REJECTED', 'REJECTED', null, {
        reasonCode: inspection.reasonCode,
        reason: inspection.reason,
      }),
    );
    // A DeliveryReceipt never gets a receipt of its own: a rejected one is only recorded.
    if (header.type !== 'DeliveryReceipt' && header.sender) {
      const receipt = this.receipts.rejected(
        {
          messageId: header.messageId,
          sender: header.sender,
          conversationId: header.conversationId ?? header.messageId,
        },
        inspection.reasonCode,
        inspection.reason,
      );
      row.receiptRaw = receipt.raw;
      effects.outbox.push(
        toPartyQueue(this.names, header.sender, receipt.messageId, 'DeliveryReceipt', receipt.raw),
      );
      effects.events.push(
        timelineEvent(header.messageId, now, 'RECEIPT_ISSUED', null, receipt.messageId, {
          status: 'REJECTED',
          reasonCode: inspection.reasonCode,
        }),
      );
    }
    return this.recordNew(effects, row, ctx);
  }

  /** Adds the new message row, and lets later messages of the same batch see it. */
  private recordNew(effects: Effects, row: NewMessageRow, ctx: DecisionContext): Effects {
    effects.insert = row;
    ctx.known.set(row.messageId, knownRecordOf(row));
    return effects;
  }

  /**
   * Same messageId again, from a proven sender. From the original's sender: same content gets the
   * same receipt again, other content is DUPLICATE_CONFLICT. From anyone else it is a forgery: the
   * messageId is not theirs, so it is dead-lettered and the original's record stays untouched.
   */
  private duplicate(
    delivery: InboundDelivery,
    existing: KnownRecord,
    hash: string,
    header: LooseHeader,
    ctx: DecisionContext,
  ): Effects {
    const now = ctx.now;
    const sender = header.sender;
    if (!sender || existing.sender !== sender) {
      return this.deadLetter(
        delivery,
        'DUPLICATE_CONFLICT',
        "messageId belongs to another sender's message; not answered",
      );
    }
    if (existing.contentHash === hash) {
      const effects: Effects = {
        events: [
          timelineEvent(existing.messageId, now, 'DUPLICATE', null, null, {
            receiptResent: existing.receiptRaw !== null,
          }),
        ],
        moves: [],
        outbox: [],
        outcome: { type: existing.type, outcome: 'duplicate' },
      };
      if (existing.receiptRaw) {
        effects.outbox.push(
          toPartyQueue(
            this.names,
            sender,
            receiptIdOf(existing.receiptRaw),
            'DeliveryReceipt',
            existing.receiptRaw,
          ),
        );
      }
      return effects;
    }
    const effects: Effects = {
      events: [
        timelineEvent(existing.messageId, now, 'DUPLICATE_CONFLICT', null, null, {
          reasonCode: 'DUPLICATE_CONFLICT',
        }),
      ],
      moves: [],
      outbox: [],
      outcome: { type: header.type, outcome: 'rejected', reasonCode: 'DUPLICATE_CONFLICT' },
    };
    if (header.type !== 'DeliveryReceipt') {
      const receipt = this.receipts.rejected(
        {
          messageId: header.messageId,
          sender,
          conversationId: header.conversationId ?? header.messageId,
        },
        'DUPLICATE_CONFLICT',
        'messageId was used before for other content',
      );
      effects.outbox.push(
        toPartyQueue(this.names, sender, receipt.messageId, 'DeliveryReceipt', receipt.raw),
      );
    }
    return effects;
  }

  /**
   * Nobody is proven to have sent it (unreadable, signature or certificate not holding, signer not
   * registered for the sender, published by another party, or a messageId that is someone else's):
   * to the dead-letter queue with its AMQP headers, size and SHA-256, never its body. No receipt, no
   * message row, no event on a message with that messageId: the hub says nothing signed about it.
   */
  deadLetter(delivery: InboundDelivery, reasonCode: ReasonCode, reason: string): Effects {
    return {
      events: [],
      moves: [],
      outbox: [deadLetterOf(this.names, delivery, reasonCode, reason)],
      outcome: { type: 'Unknown', outcome: 'dead_lettered', reasonCode },
    };
  }
}
