import { DynamicModule, Module } from '@nestjs/common';
import { SIGNING_IDENTITY, SigningIdentity } from '@skp/crypto';
import { amqpNames } from '@skp/messages';
import { OutboxEntry, PartyMessaging, portalAppModules, providePartyMessaging } from '@skp/platform';
import type { MunicipalityEnv } from './config/municipality.env';
import { submissionContextFrom } from './kennisgeving/submission-context';
import { MUNICIPALITY_MIGRATIONS } from './database/migrations';
import { ImportJob } from './import/import-job.entity';
import { KennisgevingEvent } from './kennisgeving/entities/kennisgeving-event.entity';
import { KennisgevingRecord } from './kennisgeving/entities/kennisgeving-record.entity';
import { ProgressUpdateRecord } from './kennisgeving/entities/progress-update-record.entity';
import { SchuldregelingCreditor } from './schuldregeling/entities/schuldregeling-creditor.entity';
import { SchuldregelingMessage } from './schuldregeling/entities/schuldregeling-message.entity';
import { SchuldregelingDossier } from './schuldregeling/entities/schuldregeling.entity';
import { StatusRequestRecord } from './schuldregeling/entities/status-request.entity';
import { MunicipalityMetrics } from './metrics/municipality.metrics';
import { MUNICIPALITY_AMQP_NAMES, MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from './municipality.tokens';

export const MUNICIPALITY_ENTITIES = [
  KennisgevingRecord,
  KennisgevingEvent,
  ProgressUpdateRecord,
  ImportJob,
  SchuldregelingDossier,
  SchuldregelingCreditor,
  SchuldregelingMessage,
  StatusRequestRecord,
  OutboxEntry,
];

/** Database, broker, keys, configuration and the party side of the exchange, for every feature. */
@Module({})
export class MunicipalityCoreModule {
  static forRoot(env: MunicipalityEnv): DynamicModule {
    return {
      module: MunicipalityCoreModule,
      global: true,
      // database, broker, keys; the global guard: MUNICIPALITY_API_TOKEN (machine clients) or a portal session
      imports: portalAppModules({
        app: 'municipality-adapter',
        env,
        entities: MUNICIPALITY_ENTITIES,
        migrations: MUNICIPALITY_MIGRATIONS,
        portal: {
          apiToken: env.MUNICIPALITY_API_TOKEN,
          firstUser: {
            username: env.MUNICIPALITY_PORTAL_USERNAME,
            password: env.MUNICIPALITY_PORTAL_PASSWORD,
          },
          envPrefix: 'MUNICIPALITY_PORTAL_',
        },
      }),
      providers: [
        { provide: MUNICIPALITY_ENV, useValue: env },
        { provide: MUNICIPALITY_AMQP_NAMES, useValue: amqpNames(env.AMQP_PREFIX) },
        {
          provide: SUBMISSION_CONTEXT,
          inject: [SIGNING_IDENTITY],
          useFactory: (identity: SigningIdentity) => submissionContextFrom(env, identity),
        },
        providePartyMessaging(amqpNames(env.AMQP_PREFIX), { hubBrokerUser: env.HUB_BROKER_USER }),
        MunicipalityMetrics,
      ],
      exports: [
        MUNICIPALITY_ENV,
        MUNICIPALITY_AMQP_NAMES,
        SUBMISSION_CONTEXT,
        PartyMessaging,
        MunicipalityMetrics,
      ],
    };
  }
}
