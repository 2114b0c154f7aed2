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
 * Takes messages off `skp.hub.inbound` and feeds them to the pipeline in batches. Each message is
 * acknowledged only after the transaction holding its outcome committed, so a crash at any point
 * redelivers it and the duplicate check makes the second pass harmless.
 */
@Injectable()
export class InboundConsumer implements OnApplicationBootstrap {
  private waiting: Taken[] = [];
  private draining = false;

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
        }
      },
    });
  }

  /**
   * Three stages per batch: inspect (CPU), decide (needs the previous batch committed), commit
   * (I/O). Inspecting batch N+1 runs while batch N commits; decisions stay strictly in order.
   */
  private async drain(): Promise<void> {
    let committing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        if (this.waiting.length === 0) {
          await committing;
          if (this.waiting.length === 0) {
            return; // nothing arrived while the last batch committed
          }
        }
        const batch = this.waiting.splice(0, MAX_BATCH);
        const accounts = {
          prefix: this.env.AMQP_PREFIX,
          allowShared: this.env.HUB_ALLOW_SHARED_BROKER_USER === 'true',
        };
        const inspected = await this.pipeline.inspectBatch(
          batch.map(({ delivery }) => toInbound(delivery, accounts, this.amqp.username)),
        );
        await committing;
        committing = (await this.decideAndCommit(batch, inspected)).committed;
      }
    } finally {
      this.draining = false;
    }
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
      return { committed: this.commitHeld(batch, inspected, decided) };
    } catch (error) {
      await this.failed(batch, error);
      return { committed: Promise.resolve() };
    }
  }

  /**
   * Commits a decided batch. Through a database outage the batch stays held (unacknowledged, so
   * no delivery attempt is spent) and, once the database answers, is decided again (another hub
   * may have committed what these decisions depended on) and committed.
   */
  private async commitHeld(
    batch: Taken[],
    inspected: InspectedBatch,
    decided: (Effects | null)[],
  ): Promise<void> {
    try {
      for (;;) {
        try {
          this.settle(batch, await this.pipeline.commitBatch(decided));
          return;
        } catch (error) {
          if (!(await this.gate.isOutage(error))) {
            throw error;
          }
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

interface Taken {
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
