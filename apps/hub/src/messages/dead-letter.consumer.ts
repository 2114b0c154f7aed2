import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AmqpNames } from '@skp/messages';
import { AmqpClient, Delivery, InjectLogger, Logger } from '@skp/platform';
import { DataSource } from 'typeorm';
import { HUB_AMQP_NAMES } from '../hub.tokens';

/**
 * Records every dead letter (the hub's own unreadable messages, and messages a party queue gave up
 * on after its delivery limit) in Postgres, where operators search them and redeliver from.
 */
@Injectable()
export class DeadLetterConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly amqp: AmqpClient,
    private readonly dataSource: DataSource,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.amqp.consume({ queue: this.names.dead, prefetch: 50, onDelivery: (d) => void this.record(d) });
  }

  private async record(delivery: Delivery): Promise<void> {
    const { message } = delivery;
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
    const properties: Record<string, unknown> = { contentType: message.properties.contentType ?? null };
    if (bodyOmitted) {
      properties.bodyOmitted = true;
      properties.sha256 = text(headers['x-skp-sha256']);
      properties.size = typeof headers['x-skp-size'] === 'number' ? headers['x-skp-size'] : null;
      properties.userId = text(headers['x-skp-user-id']);
      properties.deliveryCount =
        typeof headers['x-skp-delivery-count'] === 'number' ? headers['x-skp-delivery-count'] : null;
      properties.amqpType = text(message.properties.type);
    }
    try {
      await this.dataSource.query(
        `INSERT INTO "dead_letter" ("message_id", "type", "reason_code", "reason", "queue", "routing_key", "content", "properties")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [
          text(message.properties.messageId),
          text(message.properties.type),
          reasonCode,
          reason,
          queue,
          routingKey,
          bodyOmitted || message.content.length === 0 ? null : message.content,
          JSON.stringify(properties),
        ],
      );
      if (bodyOmitted) {
        // A security event: someone published what nobody is proven to have sent. No receipt went out.
        this.logger.warn(
          {
            messageId: text(message.properties.messageId),
            routingKey,
            userId: properties.userId,
            reasonCode,
            size: properties.size,
            sha256: properties.sha256,
          },
          'unverified inbound message dead-lettered without a receipt',
        );
      }
      if (queue && queue !== this.names.hubInbound && text(message.properties.messageId)) {
        await this.dataSource.query(
          `INSERT INTO "message_event" ("message_id", "kind", "cause", "detail")
           SELECT "message_id", 'DEAD_LETTERED', $2, $3::jsonb FROM "message" WHERE "message_id"::text = $1`,
          [message.properties.messageId, queue, JSON.stringify({ reasonCode, reason })],
        );
      }
      delivery.ack();
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'could not record dead letter; requeueing');
      delivery.requeue();
    }
  }
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
