import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CryptoModule } from '@skp/crypto';
import { amqpNames } from '@skp/messages';
import { BrokerManagement, brokerVhostOf, OutboxEntry, PlatformModule } from '@skp/platform';
import type { HubEnv } from './config/hub.env';
import { DeadlineJobs } from './deadlines/deadline.jobs';
import { HUB_AMQP_NAMES, HUB_ENV } from './hub.tokens';
import { InboundDecider } from './inbound/inbound-decider';
import { InboundPipeline } from './inbound/inbound-pipeline.service';
import { InboundConsumer } from './inbound/inbound.consumer';
import { ReceiptFactory } from './inbound/receipt-factory';
import { DeadLetter } from './messages/dead-letter.entity';
import { DeadLetterConsumer } from './messages/dead-letter.consumer';
import { DeliveryRecordRepository } from './messages/delivery-record.repository';
import { MessageEvent } from './messages/message-event.entity';
import { MessageRecord } from './messages/message.entity';
import { HubMetrics } from './metrics/hub.metrics';
import { MetricsCollector } from './metrics/metrics-collector';
import { PartiesController } from './parties/parties.controller';
import { PartiesRepository } from './parties/parties.repository';
import { PartiesService } from './parties/parties.service';
import { BrokerAccountsService } from './parties/broker-accounts.service';
import { Party, PartyCertificate } from './parties/party.entity';
import { TopologyService } from './topology/topology.service';
import { HUB_MIGRATIONS } from './database/migrations';
import { OperatorAccessModule } from './auth/operator-access.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { EvidenceModule } from './evidence/evidence.module';
import { ConsoleModule } from './console/console.module';

export const HUB_ENTITIES = [Party, PartyCertificate, MessageRecord, MessageEvent, DeadLetter, OutboxEntry];

/** Declares the broker topology and every registered party's queue before consumers start. */
@Injectable()
class TopologyStartup implements OnModuleInit {
  constructor(
    private readonly topology: TopologyService,
    private readonly parties: PartiesService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.topology.declareCore();
    await this.parties.declareAllQueues();
  }
}

/** Registry, topology and the pieces both the server and the operator CLI need. */
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
        {
          provide: BrokerManagement,
          useFactory: () => new BrokerManagement(env.RABBITMQ_MANAGEMENT_URL, brokerVhostOf(env.AMQP_URL)),
        },
        BrokerAccountsService,
        TopologyService,
        PartiesRepository,
        PartiesService,
        TopologyStartup,
      ],
      exports: [HUB_ENV, HUB_AMQP_NAMES, TopologyService, PartiesRepository, PartiesService],
    };
  }
}

/** The hub server: inbound pipeline, jobs, metrics and the operator API. */
@Module({})
export class HubModule {
  static forRoot(env: HubEnv): DynamicModule {
    return {
      module: HubModule,
      imports: [
        HubCoreModule.forRoot(env),
        OperatorAccessModule,
        MonitoringModule,
        EvidenceModule,
        ConsoleModule,
      ],
      controllers: [PartiesController],
      providers: [
        HubMetrics,
        MetricsCollector,
        ReceiptFactory,
        InboundDecider,
        DeliveryRecordRepository,
        InboundPipeline,
        InboundConsumer,
        DeadLetterConsumer,
        DeadlineJobs,
      ],
    };
  }
}
