import type { Provider } from '@nestjs/common';
import { SIGNING_IDENTITY, SigningIdentity, TrustStore } from '@skp/crypto';
import type { AmqpNames } from '@skp/messages';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { AmqpClient } from '../amqp/amqp-client';
import { OutboxRelay } from '../outbox/outbox';
import { LOGGER } from '../platform.tokens';
import { DatabaseGate } from '../resilience/database-gate';
import { PartyMessaging } from './party-messaging';

/** PartyMessaging for an adapter, wired from what PlatformModule and CryptoModule provide. */
export function providePartyMessaging(names: AmqpNames, options: { hubBrokerUser?: string } = {}): Provider {
  return {
    provide: PartyMessaging,
    inject: [AmqpClient, DataSource, DatabaseGate, OutboxRelay, TrustStore, SIGNING_IDENTITY, LOGGER],
    useFactory: (
      amqp: AmqpClient,
      dataSource: DataSource,
      gate: DatabaseGate,
      relay: OutboxRelay,
      trust: TrustStore,
      identity: SigningIdentity,
      logger: Logger,
    ) =>
      new PartyMessaging({
        amqp,
        dataSource,
        gate,
        relay,
        trust,
        identity,
        names,
        hubBrokerUser: options.hubBrokerUser,
        logger: logger.child({ context: 'party-messaging' }),
      }),
  };
}
