import { Inject, Injectable } from '@nestjs/common';
import {
  AmqpNames,
  answerDeadline,
  isStale,
  isUuid,
  MESSAGE_TYPES,
  MessageType,
  ReasonCode,
  SkpMessage,
} from '@skp/messages';
import { HUB_AMQP_NAMES, HUB_ENV } from '../hub.tokens';
import type { HubEnv } from '../config/hub.env';
import type { PartySnapshot } from '../parties/parties.service';
import { authorise, KnownMessage } from './authorisation';
import type { Effects, NewMessageRow } from './effects';
import {
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
      case 'unreadable':
        return this.deadLetter(delivery, inspection.reasonCode, inspection.reason, ctx);
      case 'invalid':
        return this.rejectOrDuplicate(delivery, inspection.header, inspection, ctx);
      case 'valid':
        return this.accept(delivery, inspection, ctx);
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
      raw: inspection.raw,
      finalAt: now,
    });
    effects.events.push(timelineEvent(header.messageId, now, 'RECEIVED', 'RECEIVED', header.sender));
    effects.events.push(
      timelineEvent(header.messageId, now, 'REJECTED', 'REJECTED', null, {
        reasonCode: inspection.reasonCode,
        reason: inspection.reason,
      }),
    );
    // A DeliveryReceipt never gets a receipt of its own: a rejected one is only recorded.
    const replyTo = this.replyAddress(header.sender, delivery, ctx);
    if (header.type !== 'DeliveryReceipt' && replyTo) {
      const receipt = this.receipts.rejected(
        {
          messageId: header.messageId,
          sender: replyTo,
          conversationId: header.conversationId ?? header.messageId,
        },
        inspection.reasonCode,
        inspection.reason,
      );
      row.receiptRaw = receipt.raw;
      effects.outbox.push(
        toPartyQueue(this.names, replyTo, receipt.messageId, 'DeliveryReceipt', receipt.raw),
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

  /** Same messageId again: same content gets the same receipt again; other content is a conflict. */
  private duplicate(
    delivery: InboundDelivery,
    existing: KnownRecord,
    hash: string,
    header: LooseHeader,
    ctx: DecisionContext,
  ): Effects {
    const now = ctx.now;
    const sender = existing.sender ?? header.sender;
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
      if (existing.receiptRaw && sender) {
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
    const replyTo = this.replyAddress(header.sender, delivery, ctx);
    if (header.type !== 'DeliveryReceipt' && replyTo) {
      const receipt = this.receipts.rejected(
        {
          messageId: header.messageId,
          sender: replyTo,
          conversationId: header.conversationId ?? header.messageId,
        },
        'DUPLICATE_CONFLICT',
        'messageId was used before for other content',
      );
      effects.outbox.push(
        toPartyQueue(this.names, replyTo, receipt.messageId, 'DeliveryReceipt', receipt.raw),
      );
    }
    return effects;
  }

  /** Unreadable: to the dead-letter queue with the reason; a receipt when the sender can be told. */
  private deadLetter(
    delivery: InboundDelivery,
    reasonCode: ReasonCode,
    reason: string,
    ctx: DecisionContext,
  ): Effects {
    const now = ctx.now;
    const effects: Effects = {
      events: [],
      moves: [],
      outbox: [],
      outcome: { type: 'Unknown', outcome: 'dead_lettered', reasonCode },
    };
    effects.outbox.push({
      exchange: this.names.dlx,
      routingKey: delivery.routingKey,
      content: delivery.content,
      options: {
        persistent: true,
        contentType: delivery.contentType,
        ...(delivery.amqpMessageId ? { messageId: delivery.amqpMessageId } : {}),
        ...(delivery.amqpType ? { type: delivery.amqpType } : {}),
        headers: {
          'x-skp-reason-code': reasonCode,
          'x-skp-reason': reason,
          'x-skp-queue': this.names.hubInbound,
          'x-skp-routing-key': delivery.routingKey,
        },
      },
    });
    const messageId = delivery.amqpMessageId;
    const sender = ctx.parties.has(delivery.routingKey) ? delivery.routingKey : null;
    if (isUuid(messageId) && !ctx.known.has(messageId)) {
      const header: LooseHeader = {
        messageId,
        type: MESSAGE_TYPES.includes(delivery.amqpType as MessageType)
          ? (delivery.amqpType as MessageType)
          : 'Unknown',
        sender,
        recipient: null,
        conversationId: null,
        inReplyTo: null,
        createdAt: null,
      };
      const rejected = this.reject(delivery, header, { raw: '', hash: '', reasonCode, reason }, ctx);
      rejected.insert!.raw = null;
      rejected.insert!.contentHash = null;
      rejected.events.push(timelineEvent(messageId, now, 'DEAD_LETTERED', null, null, { reasonCode }));
      effects.insert = rejected.insert;
      effects.events.push(...rejected.events);
      effects.outbox.push(...rejected.outbox);
    }
    return effects;
  }

  /**
   * Where a rejection goes: the party whose routing key the message came in under (the broker
   * account that published it), else the sender the header claims, if either is registered.
   */
  private replyAddress(
    claimedSender: string | null,
    delivery: InboundDelivery,
    ctx: DecisionContext,
  ): string | null {
    if (ctx.parties.has(delivery.routingKey)) {
      return delivery.routingKey;
    }
    return claimedSender && ctx.parties.has(claimedSender) ? claimedSender : null;
  }
}
