import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/**
 * The settings every app of the network has (DESIGN §7). Each app's env class extends this and
 * re-declares `DATABASE_URL` and `PORT` with its own defaults.
 */
export class AppEnv {
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

  @IsString()
  @IsNotEmpty({ message: 'TRUST_ANCHORS must list at least one PEM CA file' })
  TRUST_ANCHORS!: string;

  @IsOptional()
  @IsString()
  TRUST_CRLS?: string;

  /** intermediate (sub-)CA certificates, comma-separated PEM paths; others are learned from x5c */
  @IsOptional()
  @IsString()
  TRUST_INTERMEDIATES?: string;

  @IsOptional()
  @Matches(/^\d+$/, { message: 'CRL_RELOAD_INTERVAL_MS must be a whole number of milliseconds' })
  CRL_RELOAD_INTERVAL_MS?: string;

  @IsOptional()
  @IsIn(['warn', 'fail'], { message: 'CRL_STALE_POLICY must be warn or fail' })
  CRL_STALE_POLICY?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'DB_SKIP_MIGRATIONS must be true or false' })
  DB_SKIP_MIGRATIONS?: string;

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
