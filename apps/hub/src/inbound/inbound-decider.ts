import { Inject, Injectable, Optional } from '@nestjs/common';
import { AmqpNames, answerDeadline, DeadlineKind, protocolEntry, Verdict } from '@skp/messages';
import { HUB_AMQP_NAMES, HUB_ENV } from '../hub.tokens';
import type { HubEnv } from '../config/hub.env';
import { conversationMovesForward } from '../delivery-record/conversation-state';
import type { PartySnapshot } from '../parties/parties.service';
import { admit, unprovenSigner } from './admission';
import type { ProtocolLookup } from './admission-types';
import { knownRecordOf } from './effect-builders';
import type { Effects } from './effects';
import { InboundDelivery, Inspection, looseHeaderOf } from './inspection';
import type { KnownRecord } from './known-record';
import { deadLetterEffects, duplicateEffects, EffectTools, rejectedEffects } from './outcome-effects';
import { ReceiptFactory } from './receipt-factory';
import { routedEffects } from './route-effects';

/**
 * The working days of each deadline kind: a creditor's answer, or a municipality's first contact
 * with a resident who asked for help (DESIGN §11). Also for the messages the hub sends itself.
 */
export function deadlineWorkingDays(
  kind: DeadlineKind,
  env: Pick<HubEnv, 'ANSWER_DEADLINE_WORKING_DAYS' | 'HUB_HELP_REQUEST_CONTACT_WORKING_DAYS'>,
): number {
  return kind === 'FIRST_CONTACT'
    ? env.HUB_HELP_REQUEST_CONTACT_WORKING_DAYS
    : env.ANSWER_DEADLINE_WORKING_DAYS;
}

/** The protocol table the decider reads; only tests provide another one. */
export const MESSAGE_PROTOCOL = Symbol('MESSAGE_PROTOCOL');

export interface DecisionContext {
  now: Date;
  /** answer deadline (kind ANSWER) for a message routed at `now`, computed once per batch */
  deadline?: Date;
  parties: Map<string, PartySnapshot>;
  known: Map<string, KnownRecord>;
}

/**
 * Turns one inspected delivery into the effects it has. The admission chain, in order: the
 * inspection (size, decode, schema, signature, broker user, routing key), then the sender proof
 * (registered certificate), duplicates, and the admission checks (STALE, parties, direction,
 * conversation, BSN, cross-checks). Unproven: dead letter; proven but refused: REJECTED.
 */
@Injectable()
export class InboundDecider {
  private readonly tools: EffectTools;

  constructor(
    receipts: ReceiptFactory,
    @Inject(HUB_AMQP_NAMES) names: AmqpNames,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @Optional() @Inject(MESSAGE_PROTOCOL) private readonly protocol: ProtocolLookup = protocolEntry,
  ) {
    this.tools = { names, receipts, protocol };
  }

  decide(delivery: InboundDelivery, inspection: Inspection, ctx: DecisionContext): Effects {
    if (inspection.kind === 'unverifiable') {
      return this.deadLetter(delivery, inspection.reasonCode, inspection.reason);
    }
    const header = inspection.kind === 'valid' ? looseHeaderOf(inspection.message) : inspection.header;
    // No receipt unless a registered party's own certificate signed it (DESIGN §3, issue 9).
    const unproven = unprovenSigner(header.sender ?? '', inspection.signerFingerprint, ctx.parties);
    if (unproven) {
      return deadLetterEffects(this.tools, delivery, unproven);
    }
    const existing = ctx.known.get(header.messageId);
    if (existing) {
      return duplicateEffects(this.tools, delivery, existing, header, inspection.hash, ctx.now);
    }
    if (inspection.kind === 'invalid') {
      const { reasonCode, reason } = inspection;
      return this.recordNew(
        rejectedEffects(this.tools, delivery, header, inspection, { reasonCode, reason }, ctx.now),
        ctx,
      );
    }
    const admission = admit({
      message: inspection.message,
      parties: ctx.parties,
      now: ctx.now,
      known: (id) => ctx.known.get(id),
      protocol: this.protocol,
      hubOin: this.tools.receipts.hubOin,
    });
    if (!admission.admitted) {
      return this.recordNew(
        rejectedEffects(this.tools, delivery, header, inspection, admission.verdict, ctx.now),
        ctx,
      );
    }
    const deadline = (kind: DeadlineKind) =>
      kind === 'ANSWER'
        ? (ctx.deadline ??= answerDeadline(ctx.now, this.env.ANSWER_DEADLINE_WORKING_DAYS))
        : answerDeadline(ctx.now, deadlineWorkingDays(kind, this.env));
    return this.recordNew(
      routedEffects(this.tools, delivery, inspection, admission.entry, ctx.now, deadline),
      ctx,
    );
  }

  /** Later messages of the same batch see the new message row and the conversation it moved. */
  private recordNew(effects: Effects, ctx: DecisionContext): Effects {
    if (effects.insert) {
      ctx.known.set(effects.insert.messageId, knownRecordOf(effects.insert));
    }
    for (const move of effects.moves) {
      const opener = move.kind === 'conversation' ? ctx.known.get(move.messageId) : undefined;
      if (
        move.kind === 'conversation' &&
        opener?.conversationState &&
        conversationMovesForward(opener.conversationState, move.state)
      ) {
        ctx.known.set(move.messageId, { ...opener, conversationState: move.state });
      }
    }
    return effects;
  }

  /** Dead-letters a delivery nobody is proven to have sent; also the fallback when deciding fails. */
  deadLetter(delivery: InboundDelivery, reasonCode: Verdict['reasonCode'], reason: string): Effects {
    return deadLetterEffects(this.tools, delivery, { reasonCode, reason });
  }
}
