import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { LOG_LEVELS, LogLevel } from '../logging/logger';
import { PartyIdentityEnv } from './party-identity.env';

/**
 * The settings every app of the network has (DESIGN §7): its own, the party identity and the
 * trust settings. Each app's env class extends this and re-declares `DATABASE_URL` and `PORT`
 * with its own defaults.
 */
export class AppEnv extends PartyIdentityEnv {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/skp';

  @IsString()
  @Matches(/^amqps?:\/\//, { message: 'AMQP_URL must be an amqp:// or amqps:// URL' })
  AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';

  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]*$/i, { message: 'AMQP_PREFIX must be letters, digits, _ or -' })
  AMQP_PREFIX = 'skp';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DB_SKIP_MIGRATIONS must be true or false' })
  DB_SKIP_MIGRATIONS?: string;

  /** pino's level; unset: `warn` under NODE_ENV=test, else `info` */
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: LogLevel;

  /** `production` switches on the production rules (DESIGN §8) */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /**
   * Express `trust proxy`: the proxies (true, a hop count, or addresses/subnets such as
   * `loopback, 10.0.0.0/8`) whose X-Forwarded-For/-Proto are believed; unset trusts none.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /** comma-separated browser origins allowed to call the API (CORS); unset allows none */
  @IsOptional()
  @Matches(/^\s*https?:\/\/[^\s,]+(\s*,\s*https?:\/\/[^\s,]+)*\s*$/, {
    message: 'CORS_ORIGINS must be a comma-separated list of http(s) origins',
  })
  CORS_ORIGINS?: string;
}
