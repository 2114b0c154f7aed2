import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Every setting of the hub, read once at start-up from the environment (DESIGN §7). */
export class HubEnv {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/skp_hub';

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

  @IsOptional()
  @IsString()
  HUB_ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  HUB_ADMIN_PASSWORD?: string;

  /** how long an operator's console session lasts after login */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60)
  HUB_SESSION_TTL_MINUTES = 480;

  @IsOptional()
  @IsIn(['true', 'false'])
  DB_SKIP_MIGRATIONS?: string;

  /** working days a creditor has to answer a Kennisgeving */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  ANSWER_DEADLINE_WORKING_DAYS = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RETENTION_DAYS = 30;

  /** messages taken from the broker before the first is settled; bounds a group commit */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  HUB_PREFETCH = 300;

  /** how often the overdue and retention jobs run */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  HUB_JOB_INTERVAL_MS = 60_000;
}
