import { Type } from 'class-transformer';
import { PortalEnv } from '@skp/platform';
import {
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const FLAG = /^(true|false|1|0|yes|no|on|off)$/i;
const FLAG_MESSAGE = (name: string) => ({ message: `${name} must be true or false` });

/** Every setting of the creditor adapter, read once at start-up from the environment (DESIGN §7). */
export class CreditorEnv extends PortalEnv {
  override DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/skp_creditor';

  override PORT = 3002;

  /** own OIN required; the certificate (PARTY_CERT/PARTY_KEY or PARTY_P12) is checked against it at start */
  static override readonly PARTY_OIN_REQUIRED = true;

  /** the hub's broker account: the only publisher whose messages this adapter accepts (DESIGN §5) */
  @IsString()
  @Matches(/^\S+$/, { message: 'HUB_BROKER_USER must be the broker username of the hub' })
  HUB_BROKER_USER = 'guest';

  @IsString()
  @IsNotEmpty({ message: 'CREDITOR_API_TOKEN is required: the bearer token of this adapter API' })
  CREDITOR_API_TOKEN!: string;

  /** the first portal user (role editor), created at start-up while no portal user exists */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, {
    message: 'CREDITOR_PORTAL_USERNAME must be 1 to 100 letters, digits, or . _ @ -',
  })
  CREDITOR_PORTAL_USERNAME?: string;

  /** password of that first portal user (at least 16 characters, and no demo value, in production) */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'CREDITOR_PORTAL_PASSWORD must be at least 12 characters' })
  CREDITOR_PORTAL_PASSWORD?: string;

  /** the hub's OIN: ACCEPTED and REJECTED receipts are only believed when signed by it (required) */
  @IsString({
    message: 'HUB_OIN is required: the OIN of the hub, the only issuer of ACCEPTED/REJECTED receipts',
  })
  @Matches(/^\d{20}$/, { message: 'HUB_OIN must be the 20-digit OIN of the hub' })
  HUB_OIN!: string;

  /** whether this creditor may process the BSN (lookups by BSN, BSN kept in the pause register) */
  @IsOptional()
  @Matches(FLAG, FLAG_MESSAGE('CREDITOR_BSN_ALLOWED'))
  CREDITOR_BSN_ALLOWED = 'false';

  /** answer every Kennisgeving PAUSED at once (covenant policy) */
  @IsOptional()
  @Matches(FLAG, FLAG_MESSAGE('CREDITOR_AUTO_ACK'))
  CREDITOR_AUTO_ACK = 'false';

  /** Collectief Schuldregelen participant: answers collective BalanceRequests at once with pre-approval */
  @IsOptional()
  @Matches(FLAG, FLAG_MESSAGE('CREDITOR_COLLECTIVE'))
  CREDITOR_COLLECTIVE = 'false';

  /** longest term (months) of a PaymentProposal this creditor accepts by pre-approval */
  @Type(() => Number)
  @IsInt({ message: 'CREDITOR_COLLECTIVE_MAX_TERM_MONTHS must be a whole number of months' })
  @Min(1)
  @Max(36)
  CREDITOR_COLLECTIVE_MAX_TERM_MONTHS = 18;

  /** longest pause this creditor confirms, in calendar months from the pause start */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'CREDITOR_MAX_PAUSE_MONTHS must be a whole number of months' })
  @Min(1)
  @Max(8)
  CREDITOR_MAX_PAUSE_MONTHS?: number;

  /** the collection system's endpoint that receives each new message (POST JSON) */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'CREDITOR_WEBHOOK_URL must be an http(s) URL' },
  )
  CREDITOR_WEBHOOK_URL?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  CREDITOR_WEBHOOK_MAX_ATTEMPTS = 20;

  /** first retry delay; doubles per attempt up to CREDITOR_WEBHOOK_MAX_DELAY_MS */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  CREDITOR_WEBHOOK_BASE_DELAY_MS = 1000;

  @Type(() => Number)
  @IsInt()
  @Min(10)
  CREDITOR_WEBHOOK_MAX_DELAY_MS = 3_600_000;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  CREDITOR_WEBHOOK_TIMEOUT_MS = 10_000;

  /** how often the webhook loop looks for due deliveries */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  CREDITOR_WEBHOOK_POLL_MS = 1000;

  /** messages taken from the party queue before the first is settled */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  CREDITOR_PREFETCH = 50;
}
