import { Type } from 'class-transformer';
import { PortalEnv, OinRule } from '@skp/platform';
import {
  IsEmail,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { isValidOin } from '@skp/messages';

@ValidatorConstraint({ name: 'oinList' })
class OinList implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && splitList(value).every((oin) => isValidOin(oin));
  }
  defaultMessage(): string {
    return 'BSN_ALLOWED_CREDITORS must be a comma-separated list of valid OINs';
  }
}

export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** Every setting of the municipality adapter, read once at start-up (DESIGN §7 and the adapter issue). */
export class MunicipalityEnv extends PortalEnv {
  override DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/skp_municipality';

  override PORT = 3001;

  /** bearer token of the adapter's API */
  @IsString()
  @MinLength(8, { message: 'MUNICIPALITY_API_TOKEN must be at least 8 characters' })
  MUNICIPALITY_API_TOKEN!: string;

  /** the first portal user (role editor), created at start-up while no portal user exists */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9._@-]{1,100}$/, {
    message: 'MUNICIPALITY_PORTAL_USERNAME must be 1 to 100 letters, digits, or . _ @ -',
  })
  MUNICIPALITY_PORTAL_USERNAME?: string;

  /** password of that first portal user (at least 16 characters, and no demo value, in production) */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'MUNICIPALITY_PORTAL_PASSWORD must be at least 12 characters' })
  MUNICIPALITY_PORTAL_PASSWORD?: string;

  /** CBS gemeentecode of this municipality, e.g. 0344 */
  @IsString()
  @Matches(/^\d{4}$/, { message: 'MUNICIPALITY_CODE must be a 4-digit CBS gemeentecode' })
  MUNICIPALITY_CODE!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  MUNICIPALITY_NAME!: string;

  /** the counsellor desk used when a request names no counsellor; organisation defaults to the municipality */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  COUNSELLOR_ORGANISATION?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  COUNSELLOR_NAME = 'Schuldhulpverlening';

  @IsEmail({}, { message: 'COUNSELLOR_EMAIL must be an e-mail address' })
  COUNSELLOR_EMAIL!: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  COUNSELLOR_PHONE?: string;

  /** creditors allowed to process the BSN: they get the PUBLIC variant, everyone else PRIVATE */
  @IsString()
  @Validate(OinList)
  BSN_ALLOWED_CREDITORS = '';

  /** the hub's OIN: ACCEPTED and REJECTED receipts are only believed when signed by it (required) */
  @IsString({
    message: 'HUB_OIN is required: the OIN of the hub, the only issuer of ACCEPTED/REJECTED receipts',
  })
  @Validate(OinRule)
  HUB_OIN!: string;

  /** the hub's broker account: the only publisher whose messages this adapter accepts (DESIGN §5) */
  @IsString()
  @Matches(/^\S+$/, { message: 'HUB_BROKER_USER must be the broker username of the hub' })
  HUB_BROKER_USER = 'guest';

  /** the hub's HTTP address, for its public party directory (`GET /api/directory`) */
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'MUNICIPALITY_HUB_URL must be an http(s) URL' })
  MUNICIPALITY_HUB_URL = 'http://127.0.0.1:3000';

  /** how often the overdue job runs */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  MUNICIPALITY_JOB_INTERVAL_MS = 60_000;

  /** Dutch working days a creditor has to answer (0 makes every open Kennisgeving overdue at once: tests only) */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60)
  MUNICIPALITY_ANSWER_WORKING_DAYS = 10;

  /** Dutch working days within which a resident's HelpRequest must get its first contact (DESIGN §11; 0: tests only) */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(30)
  MUNICIPALITY_HELP_REQUEST_CONTACT_WORKING_DAYS = 3;

  /**
   * Days a resident's HelpRequest that was referred elsewhere or not admitted is kept after that
   * decision; then it is deleted with the resident's data (0: at the next run, tests only)
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  MUNICIPALITY_HELP_REQUEST_RETENTION_DAYS = 90;

  /** CSV files with more data rows than this are imported in the background (poll the job) */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  MUNICIPALITY_IMPORT_SYNC_ROWS = 500;

  /** rows per chunk of an import; progress is saved after every chunk */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  MUNICIPALITY_IMPORT_CHUNK_ROWS = 200;

  /** answer a creditor's StatusRequest with a ProgressUpdate at once; false: by hand (GET /status-requests) */
  @IsOptional()
  @Matches(/^(true|false)$/, { message: 'MUNICIPALITY_AUTO_PROGRESS must be true or false' })
  MUNICIPALITY_AUTO_PROGRESS = 'true';
}
