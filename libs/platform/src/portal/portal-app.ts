import type { DynamicModule } from '@nestjs/common';
import { CryptoModule } from '@skp/crypto';
import { PlatformModule, PlatformOptions } from '../platform.module';
import { PortalEnv, portalOptionsFrom } from './portal-env';
import type { PortalOptions } from './portal.options';
import { PortalModule } from './portal.module';

/** What differs between the adapters with a portal. */
export interface PortalAppSpec {
  app: string;
  env: PortalEnv;
  entities: PlatformOptions['entities'];
  migrations: PlatformOptions['migrations'];
  /** the adapter's API token, its first portal user and the prefix of that user's variables */
  portal: Pick<PortalOptions, 'apiToken' | 'firstUser' | 'envPrefix'>;
}

/**
 * The modules every adapter with a portal imports, in this order: database, broker, logs and
 * metrics; its keys; its portal users with the one global guard (API token or portal session).
 */
export function portalAppModules(spec: PortalAppSpec): DynamicModule[] {
  const { app, env } = spec;
  return [
    PlatformModule.forRoot({
      app,
      env,
      databaseUrl: env.DATABASE_URL,
      amqpUrl: env.AMQP_URL,
      runMigrations: env.DB_SKIP_MIGRATIONS !== 'true',
      entities: spec.entities,
      migrations: spec.migrations,
    }),
    CryptoModule.forRoot(env),
    PortalModule.forRoot(portalOptionsFrom(env, spec.portal)),
  ];
}
