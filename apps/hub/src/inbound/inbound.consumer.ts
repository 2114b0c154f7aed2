import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AmqpNames } from '@skp/messages';
import { AmqpClient, DatabaseGate, Delivery, InjectLogger, Logger } from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { HUB_AMQP_NAMES, HUB_ENV } from '../hub.tokens';
import { HubMetrics } from '../metrics/hub.metrics';
import { InboundPipeline, InspectedBatch, Settlement } from './inbound-pipeline.service';
import type { Effects } from './effects';
import { publishedAs } from './reinjection';
import type { InboundDelivery } from './inspection';
import type { PublisherAccountRule } from './publisher-account';

/** Largest group commit; the prefetch window keeps the next batch filling while one commits. */
const MAX_BATCH = 100;
/**
 * And at most this many bytes of message content, so the memory a batch takes while it is decoded
 * and decided stays bounded whatever the message sizes (the hub's heap limit relies on it).
 */
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * Takes messages off `skp.hub.inbound` and feeds them to the pipeline in batches. Each message is
 * acknowledged only after the transaction holding its outcome committed, so a crash at any point
 * redelivers it and the duplicate check makes the second pass harmless.
 */
@Injectable()
export class InboundConsumer implements OnApplicationBootstrap {
  private waiting: Taken[] = [];
  private draining = false;
  /** wakes a drain that waits for its commits when a delivery arrives meanwhile */
  private arrived?: () => void;

  constructor(
    private readonly amqp: AmqpClient,
    private readonly pipeline: InboundPipeline,
    private readonly gate: DatabaseGate,
    private readonly metrics: HubMetrics,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.amqp.consume({
      queue: this.names.hubInbound,
      prefetch: this.env.HUB_PREFETCH,
      onDelivery: (delivery) => {
        this.waiting.push({ delivery, takenAt: process.hrtime.bigint() });
        if (!this.draining) {
          this.draining = true;
          // Let the socket hand over whatever else already arrived before the first batch starts.
          setImmediate(() => void this.drain());
        } else {
          this.arrived?.();
        }
      },
    });
  }

  /**
   * Three stages per batch: inspect (CPU), decide (needs earlier batches committed), commit (I/O).
   * Inspecting batch N+1 runs while batch N commits. N+1 is decided at once, and commits beside N,
   * when it references no messageId that a batch in flight references (its own messages, and what
   * they answer or continue): nothing N writes can change its decisions. Otherwise it waits for
   * those batches, so decisions about one conversation stay strictly in order.
   */
  private async drain(): Promise<void> {
    const inFlight = new Set<InFlight>();
    try {
      for (;;) {
        if (this.waiting.length === 0) {
          if (inFlight.size === 0) {
            return;
          }
          // until the commits end or more arrives (which may then commit beside them)
          await new Promise<void>((resolve) => {
            this.arrived = resolve;
            void Promise.all([...inFlight].map((f) => f.committed)).then(() => resolve());
          });
          this.arrived = undefined;
          continue;
        }
        const batch = this.waiting.splice(0, batchLength(this.waiting));
        const inspected = await this.inspect(batch);
        await untilIndependent(inFlight, inspected.references);
        const { committed } = await this.decideAndCommit(batch, inspected);
        const flight: InFlight = {
          references: new Set(inspected.references),
          committed: committed.then(() => {
            inFlight.delete(flight);
          }),
        };
        inFlight.add(flight);
      }
    } finally {
      this.draining = false;
    }
  }

  private inspect(batch: Taken[]): Promise<InspectedBatch> {
    const accounts = {
      prefix: this.env.AMQP_PREFIX,
      allowShared: this.env.HUB_ALLOW_SHARED_BROKER_USER === 'true',
    };
    return this.pipeline.inspectBatch(
      batch.map(({ delivery }) => toInbound(delivery, accounts, this.amqp.username)),
    );
  }

  /**
   * Decides now; hands back the commit still in flight (it settles the deliveries when it ends).
   * Wrapped in an object because an async function would wait for a promise it returns.
   */
  private async decideAndCommit(
    batch: Taken[],
    inspected: InspectedBatch,
  ): Promise<{ committed: Promise<void> }> {
    try {
      const decided = await this.gate.run(() => this.pipeline.decideBatch(inspected));
      return { committed: this.commitHeld(batch, decided) };
    } catch (error) {
      await this.failed(batch, error);
      return { committed: Promise.resolve() };
    }
  }

  /**
   * Commits a decided batch. Through a database outage the batch stays held (unacknowledged, so
   * no delivery attempt is spent) and, once the database answers, is decided again (another hub
   * may have committed what these decisions depended on) and committed. The inspections are not
   * kept through the commit (decoded messages are the bulk of a batch's memory): an outage, rare,
   * inspects the batch again.
   */
  private async commitHeld(batch: Taken[], decided: (Effects | null)[]): Promise<void> {
    try {
      for (;;) {
        try {
          this.settle(batch, await this.pipeline.commitBatch(decided));
          return;
        } catch (error) {
          if (!(await this.gate.isOutage(error))) {
            throw error;
          }
          const inspected = await this.inspect(batch);
          decided = await this.gate.run(() => this.pipeline.decideBatch(inspected));
        }
      }
    } catch (error) {
      await this.failed(batch, error);
    }
  }

  /** An unexpected failure that is not an outage: nothing was committed, so everything goes back. */
  private async failed(batch: Taken[], error: unknown): Promise<void> {
    this.logger.error({ err: (error as Error).message, batch: batch.length }, 'batch failed; requeueing');
    this.settle(
      batch,
      batch.map(() => 'requeue'),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  private settle(batch: Taken[], settlements: Settlement[]): void {
    const done = process.hrtime.bigint();
    batch.forEach(({ delivery, takenAt }, i) => {
      if (settlements[i] === 'ack') {
        delivery.ack();
        this.metrics.routingSeconds.observe(Number(done - takenAt) / 1e9);
      } else {
        delivery.requeue();
      }
    });
  }
}

/** A batch whose commit is still running, with the messageIds its decisions read or wrote. */
interface InFlight {
  references: Set<string>;
  committed: Promise<void>;
}

/** Commits in flight at once, at most (each holds a database connection and a prefetch share). */
const MAX_IN_FLIGHT = 2;

/**
 * Waits until a new batch may be decided: no batch in flight shares a referenced messageId with
 * it, and there is room for one more commit.
 */
async function untilIndependent(inFlight: Set<InFlight>, references: string[]): Promise<void> {
  for (;;) {
    const all = [...inFlight];
    const shared = all.filter((f) => references.some((id) => f.references.has(id)));
    if (shared.length > 0) {
      await Promise.all(shared.map((f) => f.committed));
    } else if (all.length >= MAX_IN_FLIGHT) {
      await Promise.race(all.map((f) => f.committed));
    } else {
      return;
    }
  }
}

export interface Taken {
  delivery: Delivery;
  takenAt: bigint;
}

function toInbound(delivery: Delivery, accounts: PublisherAccountRule, hubAccount: string): InboundDelivery {
  const { message } = delivery;
  const { routingKey, userId } = publishedAs(message, hubAccount);
  return {
    content: message.content,
    contentType: message.properties.contentType ?? 'application/json',
    routingKey,
    amqpMessageId: message.properties.messageId,
    amqpType: message.properties.type,
    amqpUserId: userId,
    deliveryCount: deliveryCountOf(message.properties.headers?.['x-delivery-count']),
    accounts,
  };
}

/** Earlier deliveries of this message (a quorum queue counts them in `x-delivery-count`). */
function deliveryCountOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

/** How many of the waiting deliveries make the next batch: up to MAX_BATCH and MAX_BATCH_BYTES, at least one. */
export function batchLength(waiting: readonly Taken[]): number {
  let bytes = 0;
  let n = 0;
  while (n < waiting.length && n < MAX_BATCH) {
    bytes += waiting[n].delivery.message.content.length;
    if (n > 0 && bytes > MAX_BATCH_BYTES) {
      break;
    }
    n += 1;
  }
  return n;
}
