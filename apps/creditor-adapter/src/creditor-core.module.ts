import { DynamicModule, Module } from '@nestjs/common';
import { amqpNames } from '@skp/messages';
import { OutboxEntry, PartyMessaging, portalAppModules, providePartyMessaging } from '@skp/platform';
import { ClaimRecord } from './claims/claim.entity';
import { policyFromEnv } from './config/creditor-policy';
import type { CreditorEnv } from './config/creditor.env';
import { CREDITOR_ENV, CREDITOR_POLICY } from './creditor.tokens';
import { CREDITOR_MIGRATIONS } from './database/migrations';
import { InboxMessage } from './inbox/inbox-message.entity';
import { CreditorMetrics } from './metrics/creditor.metrics';
import { Pause } from './pauses/pause.entity';
import { WebhookDelivery } from './webhook/webhook-delivery.entity';

export const CREDITOR_ENTITIES = [InboxMessage, Pause, ClaimRecord, WebhookDelivery, OutboxEntry];

/** Database, broker, keys, configuration and the party side of the exchange, for every feature. */
@Module({})
export class CreditorCoreModule {
  static forRoot(env: CreditorEnv): DynamicModule {
    return {
      module: CreditorCoreModule,
      global: true,
      // database, broker, keys; the global guard: CREDITOR_API_TOKEN (machine clients) or a portal session
      imports: portalAppModules({
        app: 'creditor-adapter',
        env,
        entities: CREDITOR_ENTITIES,
        migrations: CREDITOR_MIGRATIONS,
        portal: {
          apiToken: env.CREDITOR_API_TOKEN,
          firstUser: { username: env.CREDITOR_PORTAL_USERNAME, password: env.CREDITOR_PORTAL_PASSWORD },
          envPrefix: 'CREDITOR_PORTAL_',
        },
      }),
      providers: [
        { provide: CREDITOR_ENV, useValue: env },
        { provide: CREDITOR_POLICY, useValue: policyFromEnv(env) },
        CreditorMetrics,
        providePartyMessaging(amqpNames(env.AMQP_PREFIX), { hubBrokerUser: env.HUB_BROKER_USER }),
      ],
      exports: [CREDITOR_ENV, CREDITOR_POLICY, CreditorMetrics, PartyMessaging],
    };
  }
}
