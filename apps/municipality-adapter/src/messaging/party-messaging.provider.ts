import { Provider } from '@nestjs/common';
import { SIGNING_IDENTITY, SigningIdentity, TrustStore } from '@skp/crypto';
import type { AmqpNames } from '@skp/messages';
import { AmqpClient, LOGGER, Logger, OutboxRelay, PartyMessaging } from '@skp/platform';
import { DataSource } from 'typeorm';
import { MUNICIPALITY_AMQP_NAMES } from '../municipality.tokens';

/** The adapter's side of the exchange: signed sending through the outbox, verified receiving. */
export const partyMessagingProvider: Provider = {
  provide: PartyMessaging,
  inject: [
    AmqpClient,
    DataSource,
    OutboxRelay,
    TrustStore,
    SIGNING_IDENTITY,
    MUNICIPALITY_AMQP_NAMES,
    LOGGER,
  ],
  useFactory: (
    amqp: AmqpClient,
    dataSource: DataSource,
    relay: OutboxRelay,
    trust: TrustStore,
    identity: SigningIdentity,
    names: AmqpNames,
    logger: Logger,
  ) =>
    new PartyMessaging({
      amqp,
      dataSource,
      relay,
      trust,
      identity,
      names,
      logger: logger.child({ context: 'messaging' }),
    }),
};
