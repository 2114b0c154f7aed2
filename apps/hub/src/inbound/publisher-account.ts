/** Which broker account a sender must publish with (DESIGN §5). */
export interface PublisherAccountRule {
  /** AMQP_PREFIX: a party's account is `<prefix>-<OIN>` */
  prefix: string;
  /** HUB_ALLOW_SHARED_BROKER_USER: a development escape hatch for adapters on a shared account */
  allowShared: boolean;
}

const PARTY_ACCOUNT = /(?:^|-)(\d{20})$/;

/**
 * Why the AMQP `user_id` does not prove the sender, or null when it does. RabbitMQ refuses a
 * `user_id` other than the publishing connection's own account, so a matching one is the broker
 * vouching for the publisher. Without a rule (unit tests of other checks) only another party's
 * account is refused.
 */
export function publisherAccountProblem(
  userId: string | undefined,
  sender: string,
  rule: PublisherAccountRule | undefined,
): string | null {
  if (rule && userId === `${rule.prefix}-${sender}`) {
    return null;
  }
  const otherParty = userId ? PARTY_ACCOUNT.exec(userId)?.[1] : undefined;
  if (otherParty !== undefined && otherParty !== sender) {
    return "published by another party's broker account";
  }
  if (!rule || rule.allowShared) {
    return null;
  }
  return userId
    ? "published by a broker account that is not the sender's own"
    : 'published without user_id: every party publishes with its own broker account';
}
