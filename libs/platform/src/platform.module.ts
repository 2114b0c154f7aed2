import {
  DynamicModule,
  Global,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DataSource, MixedList } from 'typeorm';
import { TrustStore } from '@skp/crypto';
import { AmqpClient } from './amqp/amqp-client';
import { openDatabase } from './database/database';
import { TrustStoreMonitor } from './health/trust-store-monitor';
import { createRootLogger, LoggingEnv } from './logging/logger';
import { HealthController, MetricsController } from './health/health.controller';
import { LOGGER } from './platform.tokens';
import { OutboxRelay } from './outbox/outbox';
import { DatabaseGate } from './resilience/database-gate';

export interface PlatformOptions {
  app: string;
  /** the app's validated env class: its LOG_LEVEL and NODE_ENV set the log level */
  env: LoggingEnv;
  databaseUrl: string;
  amqpUrl: string;
  runMigrations: boolean;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  /** 0 disables the relay (an app that never publishes) */
  outboxIdleMs?: number;
}

@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly amqp: AmqpClient,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.amqp.stopConsuming();
    await this.relay.stop();
    await this.amqp.close();
    await this.dataSource.destroy().catch(() => undefined);
  }
}

/** Database, broker, outbox relay, logs, health and metrics: what every app of the network needs. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const logger = createRootLogger(options.app, options.env);
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: LOGGER, useValue: logger },
        {
          provide: DataSource,
          useFactory: () =>
            openDatabase({
              url: options.databaseUrl,
              runMigrations: options.runMigrations,
              entities: options.entities,
              migrations: options.migrations,
            }),
        },
        {
          provide: AmqpClient,
          useFactory: async () => {
            const client = new AmqpClient(options.amqpUrl, logger.child({ context: 'amqp' }));
            await client.start();
            return client;
          },
        },
        {
          provide: DatabaseGate,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new DatabaseGate(dataSource, logger.child({ context: 'database' })),
        },
        {
          provide: OutboxRelay,
          inject: [DataSource, AmqpClient],
          useFactory: (dataSource: DataSource, amqp: AmqpClient) =>
            new OutboxRelay(
              dataSource,
              amqp,
              logger.child({ context: 'outbox' }),
              options.outboxIdleMs ?? 250,
            ),
        },
        {
          provide: Registry,
          useFactory: () => {
            const registry = new Registry();
            registry.setDefaultLabels({ app: options.app });
            collectDefaultMetrics({ register: registry });
            return registry;
          },
        },
        {
          provide: TrustStoreMonitor,
          inject: [{ token: TrustStore, optional: true }],
          useFactory: (trust?: TrustStore) =>
            new TrustStoreMonitor(logger.child({ context: 'trust-store' }), trust),
        },
        PlatformLifecycle,
      ],
      exports: [LOGGER, DataSource, DatabaseGate, AmqpClient, OutboxRelay, Registry],
    };
  }
}

export type { Logger };
