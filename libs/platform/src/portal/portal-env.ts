import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { AppEnv } from '../config/app-env';
import type { PortalOptions } from './portal.options';

/**
 * The settings of an app with a portal, on top of AppEnv. The first user's variables keep each
 * adapter's own prefix (`MUNICIPALITY_PORTAL_USERNAME`, `CREDITOR_PORTAL_USERNAME`), so each env
 * class declares those itself.
 */
export class PortalEnv extends AppEnv {
  /** how long a portal session lasts after login (fixed, not extended by use) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  PORTAL_SESSION_TTL_MINUTES = 480;

  /** portal login attempts per client address per minute (kept in each process's memory) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  PORTAL_LOGIN_RATE_LIMIT = 30;
}

/** The PortalModule's options from an app's env and its own token and first-user settings. */
export function portalOptionsFrom(
  env: PortalEnv,
  own: Pick<PortalOptions, 'apiToken' | 'firstUser' | 'envPrefix'>,
): PortalOptions {
  return {
    ...own,
    sessionTtlMinutes: env.PORTAL_SESSION_TTL_MINUTES,
    loginRateLimit: env.PORTAL_LOGIN_RATE_LIMIT,
    production: env.NODE_ENV === 'production',
  };
}
