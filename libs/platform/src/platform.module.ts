import {
  Controller,
  DynamicModule,
  Get,
  Global,
  HttpStatus,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { DataSource, MixedList } from 'typeorm';
import { TrustStore } from '@skp/crypto';
import { AmqpClient } from './amqp/amqp-client';
import { openDatabase } from './database/database';
import { TrustStoreMonitor } from './health/trust-store-monitor';
import { createRootLogger, LoggingEnv } from './logging/logger';
import { Public } from './http/public-route';
import { OutboxRelay } from './outbox/outbox';
import { DatabaseGate } from './resilience/database-gate';

export const LOGGER = Symbol('LOGGER');

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

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly gate: DatabaseGate,
    private readonly amqp: AmqpClient,
    private readonly trustStore: TrustStoreMonitor,
  ) {}

  /**
   * Up only when both the database and the broker answer: a load balancer can route on it.
   * Trust-store problems (a stale or unreadable CRL) are warnings, not downtime. While the
   * database or broker is away the app waits (consumers hold their messages); `causes` says why.
   */
  @Get('health')
  async health(@Res() response: Response): Promise<void> {
    const database = (await this.gate.probe()) ? 'up' : 'down';
    const broker = this.amqp.isConnected ? 'up' : 'down';
    const problems = this.amqp.currentProblems;
    const ok = database === 'up' && broker === 'up' && problems.length === 0;
    const trust = this.trustStore.health();
    // why the app waits (no error text: /health is public; the logs have the details)
    const causes: Record<string, string> = {};
    const gate = this.gate.state;
    if (database === 'down') {
      causes.database = gate.since
        ? `unavailable since ${gate.since.toISOString()}; consumers hold their messages and retry`
        : 'does not answer';
    }
    if (broker === 'down') {
      causes.broker = 'not connected; reconnecting';
    }
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'degraded',
      checks: { database, broker, ...(trust && { trustStore: trust.status }) },
      ...(Object.keys(causes).length > 0 ? { causes } : {}),
      ...(problems.length > 0 ? { problems } : {}),
      ...(trust && { warnings: trust.warnings, revocationLists: trust.revocationLists }),
    });
  }
}

@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
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

export const InjectLogger = (): ParameterDecorator => Inject(LOGGER);
export type { Logger };
