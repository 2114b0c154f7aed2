import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Min } from 'class-validator';
import { CRL_STALE_POLICIES, CrlStalePolicy, MIN_CRL_RELOAD_INTERVAL_MS, TrustSettings } from '@skp/crypto';

const RELOAD_INTERVAL_RULE = {
  message: `CRL_RELOAD_INTERVAL_MS must be a whole number of milliseconds, at least ${MIN_CRL_RELOAD_INTERVAL_MS}`,
};

/**
 * Which certificates a party believes (DESIGN §4): every app's env class has these, and the hub
 * CLI's offline evidence check reads only these.
 */
export class TrustEnv implements TrustSettings {
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
  @Type(() => Number)
  @IsInt(RELOAD_INTERVAL_RULE)
  @Min(MIN_CRL_RELOAD_INTERVAL_MS, RELOAD_INTERVAL_RULE)
  CRL_RELOAD_INTERVAL_MS?: number;

  @IsOptional()
  @IsIn(CRL_STALE_POLICIES, { message: 'CRL_STALE_POLICY must be warn or fail' })
  CRL_STALE_POLICY?: CrlStalePolicy;
}
