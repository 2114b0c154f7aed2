/** Exchange and queue names of DESIGN §5, under a configurable prefix (default `skp`). */
export const DEFAULT_AMQP_PREFIX = 'skp';

export interface AmqpNames {
  /** direct exchange every party publishes to, routing key = the sender's own OIN */
  inbound: string;
  /** quorum queue the hub consumes */
  hubInbound: string;
  /** direct exchange the hub publishes to, routing key = recipient OIN */
  deliver: string;
  /** alternate exchange of `deliver` and the hub's queue behind it: what no party queue took */
  deliverUnrouted: string;
  hubUnrouted: string;
  /** dead-letter exchange and its queue */
  dlx: string;
  dead: string;
  /** a party's own quorum queue */
  partyQueue(oin: string): string;
}

export function amqpNames(prefix: string = DEFAULT_AMQP_PREFIX): AmqpNames {
  return {
    inbound: `${prefix}.inbound`,
    hubInbound: `${prefix}.hub.inbound`,
    deliver: `${prefix}.deliver`,
    deliverUnrouted: `${prefix}.deliver.unrouted`,
    hubUnrouted: `${prefix}.hub.unrouted`,
    dlx: `${prefix}.dlx`,
    dead: `${prefix}.dead`,
    partyQueue: (oin: string) => `${prefix}.party.${oin}`,
  };
}
