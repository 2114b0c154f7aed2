import { Injectable, Optional } from '@nestjs/common';
import { TrustStore } from '@skp/crypto';
import { DatabaseGate, InjectLogger, Logger, PublishAfterCommit } from '@skp/platform';
import { DeliveryRecordRepository } from '../delivery-record/delivery-record.repository';
import { HubMetrics } from '../metrics/hub.metrics';
import { PartiesService } from '../parties/parties.service';
import type { Effects } from './effects';
import { DecisionContext, InboundDecider } from './inbound-decider';
import { isUuid } from '@skp/messages';
import { InboundDelivery, Inspection, inspect } from './inspection';
import { InspectionWorkers } from './inspection-workers';

export type Settlement = 'ack' | 'requeue';

/** A batch after the CPU-only checks, ready for the database part. */
export interface InspectedBatch {
  now: Date;
  deliveries: InboundDelivery[];
  inspections: Inspection[];
  /** every messageId the batch's decisions read or write: its own, those it answers or continues */
  references: string[];
}

/**
 * The hub's inbound path for a batch: inspect each message (no I/O), load what the batch refers
 * to in one query, decide each message in order, and commit all decisions in one transaction.
 */
@Injectable()
export class InboundPipeline {
  constructor(
    private readonly trust: TrustStore,
    private readonly decider: InboundDecider,
    private readonly record: DeliveryRecordRepository,
    private readonly parties: PartiesService,
    private readonly outbox: PublishAfterCommit,
    private readonly gate: DatabaseGate,
    private readonly metrics: HubMetrics,
    @InjectLogger() private readonly logger: Logger,
    @Optional() private readonly workers?: InspectionWorkers,
  ) {}

  async processBatch(batch: InboundDelivery[], now = new Date()): Promise<Settlement[]> {
    return this.commitBatch(await this.decideBatch(await this.inspectBatch(batch, now)));
  }

  /**
   * Size, decoding, schema and signatures: pure CPU, no state. The consumer runs this for the next
   * batch while the previous one is committing; the inspection workers, when configured, do the
   * trust-free part on other cores. Inspections come back in delivery order.
   */
  async inspectBatch(deliveries: InboundDelivery[], now = new Date()): Promise<InspectedBatch> {
    const inspections = this.workers
      ? await this.workers.inspectBatch(deliveries, now)
      : deliveries.map((delivery) => this.safeInspect(delivery, now));
    return { now, deliveries, inspections, references: referencedIds(deliveries, inspections) };
  }

  /**
   * Decisions need what earlier batches committed about the messages they reference: call only
   * after every batch in flight that shares a reference with this one has committed.
   */
  async decideBatch({
    now,
    deliveries,
    inspections,
    references,
  }: InspectedBatch): Promise<(Effects | null)[]> {
    const ctx: DecisionContext = {
      now,
      parties: await this.parties.registrySnapshot(),
      known: await this.record.findKnown(references),
    };
    return deliveries.map((delivery, i) => this.safeDecide(delivery, inspections[i], ctx));
  }

  /**
   * The delivery each decided message came from, so that its dead letter can be made when the
   * database refuses what it contains (made only then: it hashes the whole body).
   */
  private readonly sources = new WeakMap<Effects, InboundDelivery>();

  /** Commits, then publishes what the commit enqueued straight away (the outbox relay is the safety net). */
  async commitBatch(decided: (Effects | null)[]): Promise<Settlement[]> {
    return this.commit(decided);
  }

  private async commit(decided: (Effects | null)[]): Promise<Settlement[]> {
    const effects = decided.filter((e): e is Effects => e !== null);
    try {
      const { applied, publishes } = await this.record.applyEffects(effects);
      // called before anything else can commit: publishes leave in commit order
      void this.outbox.publish(publishes);
      this.count(effects.filter((_, i) => applied[i]));
      this.metrics.batchSize.observe(effects.length);
      return decided.map((e) => (e ? 'ack' : 'requeue'));
    } catch (error) {
      if (await this.gate.isOutage(error)) {
        throw error; // not this batch's fault: the consumer holds it until the database is back
      }
      if (effects.length === 1) {
        const source = this.sources.get(effects[0]);
        if (source && isContentError(error)) {
          const fallback = this.decider.deadLetter(
            source,
            'MALFORMED',
            'the hub could not record this message',
          );
          // The database refused what this message contains: requeueing would only repeat that.
          this.logger.warn(
            { err: (error as Error).message },
            'could not record message because of its content; dead-lettering it',
          );
          return this.commit(decided.map((e) => (e ? fallback : null)));
        }
        this.logger.error(
          { err: (error as Error).message },
          'could not record message; it goes back to the queue',
        );
        return decided.map(() => 'requeue');
      }
      // One message broke the group commit: apply each alone so the others still go through.
      this.logger.warn(
        { err: (error as Error).message, batch: effects.length },
        'group commit failed; committing one by one',
      );
      const settlements: Settlement[] = [];
      for (const e of decided) {
        settlements.push(e ? (await this.commit([e]))[0] : 'requeue');
      }
      return settlements;
    }
  }

  private count(effects: Effects[]): void {
    for (const { outcome } of effects) {
      this.metrics.messages.inc({ type: outcome.type, outcome: outcome.outcome });
      if (outcome.reasonCode) {
        this.metrics.rejections.inc({ reason: outcome.reasonCode });
      }
    }
  }

  /** inspect() never throws; this guards against that changing: a message's trouble is its own. */
  private safeInspect(delivery: InboundDelivery, now: Date): Inspection {
    try {
      return inspect(delivery, this.trust, now);
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'inspection failed unexpectedly; dead-lettering');
      return { kind: 'unverifiable', reasonCode: 'MALFORMED', reason: 'the message could not be inspected' };
    }
  }

  /**
   * Never null for a message's own sake: an unexpected exception deciding one message dead-letters
   * that message instead of sending it back to the queue, where it would fail again and again.
   */
  private safeDecide(delivery: InboundDelivery, inspection: Inspection, ctx: DecisionContext): Effects {
    let effects: Effects;
    try {
      effects = this.decider.decide(delivery, inspection, ctx);
    } catch (error) {
      this.logger.error(
        { err: (error as Error).message },
        'routing decision failed unexpectedly; dead-lettering',
      );
      effects = this.decider.deadLetter(delivery, 'MALFORMED', 'the message could not be decided');
    }
    this.sources.set(effects, delivery);
    return effects;
  }
}

/** SQLSTATE classes 22 (data exception, e.g. a NUL character in text) and 54 (program limit exceeded). */
function isContentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('54'));
}

/** Every messageId a batch names: its own (duplicates) and those it answers or continues. */
function referencedIds(batch: InboundDelivery[], inspections: Inspection[]): string[] {
  const ids = new Set<string>();
  inspections.forEach((inspection, i) => {
    const amqpId = batch[i].amqpMessageId;
    if (isUuid(amqpId)) {
      ids.add(amqpId);
    }
    if (inspection.kind === 'unverifiable') {
      return;
    }
    const h = inspection.kind === 'valid' ? inspection.message.header : inspection.header;
    ids.add(h.messageId);
    if (h.inReplyTo) {
      ids.add(h.inReplyTo);
    }
    if (h.conversationId) {
      ids.add(h.conversationId);
    }
  });
  return [...ids];
}
