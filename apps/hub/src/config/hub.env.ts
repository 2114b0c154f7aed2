import { Type } from 'class-transformer';
import { AppEnv } from '@skp/platform';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

/** Every setting of the hub, read once at start-up from the environment (DESIGN §7). */
export class HubEnv extends AppEnv {
  override DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/skp_hub';

  override PORT = 3000;

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

  /** login attempts per client address per minute (kept in each hub process's memory) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  HUB_LOGIN_RATE_LIMIT = 30;

  /** working days a creditor has to answer a Kennisgeving */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  ANSWER_DEADLINE_WORKING_DAYS = 10;

  /** working days a municipality has for the first contact with a resident who asked for help (DESIGN §11) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  HUB_HELP_REQUEST_CONTACT_WORKING_DAYS = 3;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RETENTION_DAYS = 30;

  /** days the hub keeps the body of a resident's HelpRequest the municipality did not admit (DESIGN §11) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  HUB_HELP_REQUEST_RETENTION_DAYS = 90;

  /** Pauzeknop requests per client address per window (kept in each hub process's memory) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  HUB_PAUZEKNOP_RATE_LIMIT = 5;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  HUB_PAUZEKNOP_RATE_WINDOW_MINUTES = 10;

  /** leading zero bits the Pauzeknop's proof-of-work asks of the browser (about 2^bits SHA-256 hashes) */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(28)
  HUB_PAUZEKNOP_POW_BITS = 16;

  /** messages taken from the broker before the first is settled; bounds a group commit */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  HUB_PREFETCH = 300;

  /**
   * worker threads that inspect inbound messages (decode, schema, signature math) beside the main
   * thread, which keeps the trust decisions; 0 (the default) inspects on the main thread. For a hub
   * with cores of its own: on 2 cores shared with Postgres and RabbitMQ one worker gained no
   * throughput and cost 45 MB (docs/decisions/0009).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(4)
  HUB_INSPECTION_WORKERS = 0;

  /** how often the overdue and retention jobs run */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  HUB_JOB_INTERVAL_MS = 60_000;

  /** RabbitMQ management HTTP API, used to create, rotate and block the parties' broker accounts */
  @IsString()
  @Matches(/^https?:\/\//, { message: 'RABBITMQ_MANAGEMENT_URL must be an http:// or https:// URL' })
  RABBITMQ_MANAGEMENT_URL = 'http://guest:guest@127.0.0.1:15672';

  /**
   * Development escape hatch (DESIGN §5): accept messages published with a shared broker account
   * (no `user_id`, or not `<prefix>-<sender OIN>`). Off by default; refused in production.
   */
  @IsIn(['true', 'false'], { message: 'HUB_ALLOW_SHARED_BROKER_USER must be true or false' })
  HUB_ALLOW_SHARED_BROKER_USER = 'false';
}
