import type { ConsumeMessage } from 'amqplib';

/**
 * An operator's redelivery of a dead letter from the hub's own inbound queue goes through every
 * check again. The hub publishes it straight to its inbound queue (default exchange) with the
 * original routing key and publishing account in these headers. They are believed only when the
 * broker vouches (validated `user_id`) that the hub's own account published it: parties can write
 * to `skp.inbound` only, and cannot set another account's `user_id`.
 */
export const REINJECTED_ROUTING_KEY = 'x-skp-reinjected-routing-key';
export const REINJECTED_USER_ID = 'x-skp-reinjected-user-id';

export interface PublishedAs {
  routingKey: string;
  userId: string | undefined;
}

/** The routing key and account the message counts as published with. */
export function publishedAs(message: ConsumeMessage, hubAccount: string): PublishedAs {
  const headers = message.properties.headers ?? {};
  const routingKey = headers[REINJECTED_ROUTING_KEY] as unknown;
  if (
    message.fields.exchange === '' &&
    message.properties.userId === hubAccount &&
    typeof routingKey === 'string'
  ) {
    const userId = headers[REINJECTED_USER_ID] as unknown;
    return { routingKey, userId: typeof userId === 'string' ? userId : undefined };
  }
  return { routingKey: message.fields.routingKey, userId: message.properties.userId as string | undefined };
}
