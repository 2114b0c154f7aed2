import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CryptoModule, SIGNING_IDENTITY, SigningIdentity } from '@skp/crypto';
import { amqpNames } from '@skp/messages';
import { OutboxEntry, PlatformModule, providePartyMessaging } from '@skp/platform';
import type { MunicipalityEnv } from './config/municipality.env';
import { submissionContextFrom } from './config/submission-context';
import { MUNICIPALITY_MIGRATIONS } from './database/migrations';
import { ApiTokenGuard } from './http/api-token.guard';
import { ImportJob } from './import/import-job.entity';
import { ImportJobRepository } from './import/import-job.repository';
import { ImportJobRunner } from './import/import-job.runner';
import { ImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { KennisgevingEvent } from './kennisgeving/entities/kennisgeving-event.entity';
import { KennisgevingRecord } from './kennisgeving/entities/kennisgeving-record.entity';
import { ProgressUpdateRecord } from './kennisgeving/entities/progress-update-record.entity';
import { KennisgevingController } from './kennisgeving/kennisgeving.controller';
import { KennisgevingRepository } from './kennisgeving/kennisgeving.repository';
import { KennisgevingService } from './kennisgeving/kennisgeving.service';
import { MunicipalityMetrics } from './metrics/municipality.metrics';
import { MUNICIPALITY_AMQP_NAMES, MUNICIPALITY_ENV, SUBMISSION_CONTEXT } from './municipality.tokens';
import { ProgressService } from './progress/progress.service';
import { InboxConsumer } from './tracking/inbox.consumer';
import { OverdueJob } from './tracking/overdue.job';
import { TrackingService } from './tracking/tracking.service';

export const MUNICIPALITY_ENTITIES = [
  KennisgevingRecord,
  KennisgevingEvent,
  ProgressUpdateRecord,
  ImportJob,
  OutboxEntry,
];

/** The municipality adapter: submission API, CSV import, receipt and answer tracking, overdue job. */
@Module({})
export class MunicipalityModule {
  static forRoot(env: MunicipalityEnv): DynamicModule {
    return {
      module: MunicipalityModule,
      imports: [
        PlatformModule.forRoot({
          app: 'municipality-adapter',
          env,
          databaseUrl: env.DATABASE_URL,
          amqpUrl: env.AMQP_URL,
          runMigrations: env.DB_SKIP_MIGRATIONS !== 'true',
          entities: MUNICIPALITY_ENTITIES,
          migrations: MUNICIPALITY_MIGRATIONS,
        }),
        CryptoModule.forRoot(env),
      ],
      controllers: [ImportController, KennisgevingController],
      providers: [
        { provide: MUNICIPALITY_ENV, useValue: env },
        { provide: MUNICIPALITY_AMQP_NAMES, useValue: amqpNames(env.AMQP_PREFIX) },
        {
          provide: SUBMISSION_CONTEXT,
          inject: [SIGNING_IDENTITY],
          useFactory: (identity: SigningIdentity) => submissionContextFrom(env, identity),
        },
        providePartyMessaging(amqpNames(env.AMQP_PREFIX), { hubBrokerUser: env.HUB_BROKER_USER }),
        { provide: APP_GUARD, useClass: ApiTokenGuard },
        MunicipalityMetrics,
        KennisgevingRepository,
        KennisgevingService,
        ProgressService,
        TrackingService,
        InboxConsumer,
        OverdueJob,
        ImportJobRepository,
        ImportJobRunner,
        ImportService,
      ],
    };
  }
}
