import type { Channel } from 'amqplib';
import type { AmqpNames } from '@skp/messages';

/** Delivery attempts before a quorum queue dead-letters a message; the same for every queue. */
export const DELIVERY_LIMIT = 20;

/**
 * Arguments of every work queue. Quorum queues replicate across a cluster and count deliveries;
 * at-least-once dead-lettering (which needs reject-publish overflow) never drops a dead letter.
 */
export function workQueueArguments(names: AmqpNames): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': DELIVERY_LIMIT,
    'x-dead-letter-exchange': names.dlx,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

/** A party's own queue, bound to the deliver exchange with its OIN. Idempotent. */
export async function declarePartyQueue(channel: Channel, names: AmqpNames, oin: string): Promise<void> {
  // the same arguments as the hub declares it with, or the broker refuses the declaration
  await channel.assertExchange(names.deliver, 'direct', {
    durable: true,
    alternateExchange: names.deliverUnrouted,
  });
  await channel.assertExchange(names.dlx, 'fanout', { durable: true });
  await channel.assertQueue(names.partyQueue(oin), { durable: true, arguments: workQueueArguments(names) });
  await channel.bindQueue(names.partyQueue(oin), names.deliver, oin);
}
