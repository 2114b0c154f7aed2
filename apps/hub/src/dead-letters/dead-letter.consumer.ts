import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AmqpNames } from '@skp/messages';
import { AmqpClient, DatabaseGate, Delivery, InjectLogger, Logger } from '@skp/platform';
import { DeadLetterRecordRepository } from '../delivery-record/dead-letter-record.repository';
import { HUB_AMQP_NAMES } from '../hub.tokens';
import { HubMetrics } from '../metrics/hub.metrics';

/**
 * Records every dead letter (the hub's own unreadable messages, messages a party queue gave up on
 * after its delivery limit, and messages no party queue took) in Postgres, where operators search
 * them and redeliver from.
 */
@Injectable()
export class DeadLetterConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly amqp: AmqpClient,
    private readonly deadLetters: DeadLetterRecordRepository,
    private readonly gate: DatabaseGate,
    private readonly metrics: HubMetrics,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // only when skp.deliver lost its alternate exchange: the broker hands the message back
    this.amqp.onReturned = () => this.metrics.unroutable.inc();
    await this.amqp.consume({
      queue: this.names.dead,
      prefetch: 50,
      onDelivery: (d) => void this.record(d, this.deadLetterFacts(d.message)),
    });
    await this.amqp.consume({
      queue: this.names.hubUnrouted,
      prefetch: 50,
      onDelivery: (d) => {
        this.metrics.unroutable.inc();
        void this.record(d, this.unroutedFacts(d.message));
      },
    });
  }

  /**
   * A message the hub published to `skp.deliver` that no party queue took (the recipient's queue
   * is missing). Recorded under the recipient's queue so it can be redelivered once that exists.
   */
  private unroutedFacts(message: Delivery['message']): DeadLetterFacts {
    const recipient = message.fields.routingKey;
    return {
      reasonCode: 'NO_ROUTE',
      reason: `no queue is bound for recipient ${recipient}; redeliver once its queue exists`,
      queue: this.names.partyQueue(recipient),
      routingKey: recipient,
      bodyOmitted: false,
      properties: { contentType: message.properties.contentType ?? null },
    };
  }

  private deadLetterFacts(message: Delivery['message']): DeadLetterFacts {
    const headers = message.properties.headers ?? {};
    const death = Array.isArray(headers['x-death'])
      ? (headers['x-death'][0] as unknown as Record<string, unknown>)
      : undefined;
    const reasonCode =
      text(headers['x-skp-reason-code']) ?? `BROKER_${(text(death?.reason) ?? 'dead').toUpperCase()}`;
    const reason = text(headers['x-skp-reason']) ?? describeDeath(death);
    const queue = text(headers['x-skp-queue']) ?? text(death?.queue) ?? null;
    const routingKey = text(headers['x-skp-routing-key']) ?? message.fields.routingKey;
    // The hub's own dead letters of inbound messages carry evidence, not the body (see deadLetterOf).
    const bodyOmitted = text(headers['x-skp-body']) === 'omitted';
    const properties: Record<string, unknown> = {
      contentType: message.properties.contentType ?? null,
      // the account the broker vouched for at the first publish: a redelivery is checked against it
      userId: text(message.properties.userId),
    };
    if (bodyOmitted) {
      properties.bodyOmitted = true;
      properties.sha256 = text(headers['x-skp-sha256']);
      properties.size = typeof headers['x-skp-size'] === 'number' ? headers['x-skp-size'] : null;
      properties.userId = text(headers['x-skp-user-id']);
      properties.deliveryCount =
        typeof headers['x-skp-delivery-count'] === 'number' ? headers['x-skp-delivery-count'] : null;
      properties.amqpType = text(message.properties.type);
    }
    return { reasonCode, reason, queue, routingKey, bodyOmitted, properties };
  }

  private async record(delivery: Delivery, facts: DeadLetterFacts): Promise<void> {
    const { message } = delivery;
    try {
      // an outage holds the dead letter until the database is back
      await this.gate.run(() => this.store(message, facts));
      delivery.ack();
      if (facts.bodyOmitted) {
        // A security event: someone published what nobody is proven to have sent. No receipt went out.
        const { userId, size, sha256 } = facts.properties;
        this.logger.warn(
          {
            messageId: text(message.properties.messageId),
            routingKey: facts.routingKey,
            userId,
            reasonCode: facts.reasonCode,
            size,
            sha256,
          },
          'unverified inbound message dead-lettered without a receipt',
        );
      }
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'could not record dead letter; requeueing');
      delivery.requeue();
    }
  }

  /** A dead letter of a party queue is on the message's timeline; the inbound pipeline tells its own. */
  private store(message: Delivery['message'], facts: DeadLetterFacts): Promise<void> {
    const { reasonCode, reason, queue, routingKey, bodyOmitted, properties } = facts;
    return this.deadLetters.recordDeadLetter(
      {
        messageId: text(message.properties.messageId),
        type: text(message.properties.type),
        reasonCode,
        reason,
        queue,
        routingKey,
        content: bodyOmitted || message.content.length === 0 ? null : message.content,
        properties,
      },
      queue !== this.names.hubInbound,
    );
  }
}

interface DeadLetterFacts {
  reasonCode: string;
  reason: string;
  queue: string | null;
  routingKey: string;
  /** the hub dead-lettered an unverified inbound message: keep its evidence, never its body */
  bodyOmitted: boolean;
  properties: Record<string, unknown>;
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('utf8') : null;
}

function describeDeath(death: Record<string, unknown> | undefined): string {
  if (!death) {
    return 'dead-lettered by the broker';
  }
  const reason = text(death.reason);
  return reason === 'delivery_limit'
    ? `not acknowledged after the queue's delivery limit (${text(death.queue) ?? 'queue'})`
    : `dead-lettered by the broker: ${reason ?? 'unknown'} (${text(death.queue) ?? 'queue'})`;
}
