import { DynamicModule, Module } from '@nestjs/common';
import { CryptoModule } from '@skp/crypto';
import { amqpNames } from '@skp/messages';
import { OutboxEntry, PlatformModule } from '@skp/platform';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { HubEnv } from './config/hub.env';
import { ConsoleModule } from './console/console.module';
import { HUB_MIGRATIONS } from './database/migrations';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DeliveryRecordModule } from './delivery-record/delivery-record.module';
import { EvidenceModule } from './evidence/evidence.module';
import { HUB_AMQP_NAMES, HUB_ENV } from './hub.tokens';
import { InboundModule } from './inbound/inbound.module';
import { MetricsModule } from './metrics/metrics.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { OperatorsModule } from './operators/operators.module';
import { PartiesModule } from './parties/parties.module';
import { PauzeknopModule } from './pauzeknop/pauzeknop.module';
import { Party, PartyCertificate } from './parties/party.entity';
import { TopologyModule } from './topology/topology.module';

/** The record tables are queried in SQL (docs/decisions/0007); only these go through TypeORM. */
export const HUB_ENTITIES = [Party, PartyCertificate, OutboxEntry];

/** Database, broker, crypto and the hub's configuration values, for every feature module. */
@Module({})
export class HubCoreModule {
  static forRoot(env: HubEnv, app = 'hub'): DynamicModule {
    return {
      module: HubCoreModule,
      global: true,
      imports: [
        PlatformModule.forRoot({
          app,
          env,
          databaseUrl: env.DATABASE_URL,
          amqpUrl: env.AMQP_URL,
          runMigrations: env.DB_SKIP_MIGRATIONS !== 'true',
          entities: HUB_ENTITIES,
          migrations: HUB_MIGRATIONS,
        }),
        CryptoModule.forRoot(env),
      ],
      providers: [
        { provide: HUB_ENV, useValue: env },
        { provide: HUB_AMQP_NAMES, useValue: amqpNames(env.AMQP_PREFIX) },
      ],
      exports: [HUB_ENV, HUB_AMQP_NAMES],
    };
  }
}

/** What the operator CLI needs: the party registry (with the topology) and the audit log. */
@Module({})
export class HubCliModule {
  static forRoot(env: HubEnv): DynamicModule {
    return {
      module: HubCliModule,
      imports: [HubCoreModule.forRoot(env, 'hub-cli'), PartiesModule, AuditModule],
    };
  }
}

/** The hub server: one module per feature (docs/architecture.md). */
@Module({})
export class HubModule {
  static forRoot(env: HubEnv): DynamicModule {
    return {
      module: HubModule,
      imports: [
        HubCoreModule.forRoot(env),
        TopologyModule,
        PartiesModule,
        AuditModule,
        OperatorsModule,
        AuthModule,
        MetricsModule,
        DeliveryRecordModule,
        InboundModule,
        DeadLettersModule,
        DeadlinesModule,
        MonitoringModule,
        EvidenceModule,
        PauzeknopModule,
        ConsoleModule,
      ],
    };
  }
}
