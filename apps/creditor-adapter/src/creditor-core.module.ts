import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CryptoModule, SIGNING_IDENTITY, SigningIdentity, TrustStore } from '@skp/crypto';
import { amqpNames } from '@skp/messages';
import {
  AmqpClient,
  LOGGER,
  Logger,
  OutboxEntry,
  OutboxRelay,
  PartyMessaging,
  PlatformModule,
} from '@skp/platform';
import { DataSource } from 'typeorm';
import { CreditorApiGuard } from './auth/creditor-api.guard';
import { policyFromEnv } from './config/creditor-policy';
import type { CreditorEnv } from './config/creditor.env';
import { CREDITOR_ENV, CREDITOR_POLICY } from './creditor.tokens';
import { CREDITOR_MIGRATIONS } from './database/migrations';
import { InboxMessage } from './inbox/inbox-message.entity';
import { CreditorMetrics } from './metrics/creditor.metrics';
import { Pause } from './pauses/pause.entity';
import { WebhookDelivery } from './webhook/webhook-delivery.entity';

export const CREDITOR_ENTITIES = [InboxMessage, Pause, WebhookDelivery, OutboxEntry];

/** Database, broker, keys, configuration and the party side of the exchange, for every feature. */
@Module({})
export class CreditorCoreModule {
  static forRoot(env: CreditorEnv): DynamicModule {
    return {
      module: CreditorCoreModule,
      global: true,
      imports: [
        PlatformModule.forRoot({
          app: 'creditor-adapter',
          databaseUrl: env.DATABASE_URL,
          amqpUrl: env.AMQP_URL,
          runMigrations: env.DB_SKIP_MIGRATIONS !== 'true',
          entities: CREDITOR_ENTITIES,
          migrations: CREDITOR_MIGRATIONS,
        }),
        CryptoModule.forRoot(),
      ],
      providers: [
        { provide: CREDITOR_ENV, useValue: env },
        { provide: CREDITOR_POLICY, useValue: policyFromEnv(env) },
        { provide: APP_GUARD, useFactory: () => new CreditorApiGuard(env.CREDITOR_API_TOKEN) },
        CreditorMetrics,
        {
          provide: PartyMessaging,
          inject: [AmqpClient, DataSource, OutboxRelay, TrustStore, SIGNING_IDENTITY, LOGGER],
          useFactory: (
            amqp: AmqpClient,
            dataSource: DataSource,
            relay: OutboxRelay,
            trust: TrustStore,
            identity: SigningIdentity,
            logger: Logger,
          ) =>
            new PartyMessaging({
              amqp,
              dataSource,
              relay,
              trust,
              identity,
              names: amqpNames(env.AMQP_PREFIX),
              logger: logger.child({ context: 'party-messaging' }),
            }),
        },
      ],
      exports: [CREDITOR_ENV, CREDITOR_POLICY, CreditorMetrics, PartyMessaging],
    };
  }
}
