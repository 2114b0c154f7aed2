import { CrlStalePolicy } from './revocation-registry';

export const CRL_STALE_POLICIES: readonly CrlStalePolicy[] = ['warn', 'fail'];
export const DEFAULT_CRL_RELOAD_INTERVAL_MS = 15 * 60_000;
export const MIN_CRL_RELOAD_INTERVAL_MS = 100;

/**
 * The trust settings, named as the environment names them. The apps' env classes
 * (`@skp/platform` TrustEnv) validate them at start-up; this library only reads them.
 */
export interface TrustSettings {
  /** comma-separated PEM files of trusted CA certificates */
  TRUST_ANCHORS: string;
  /** comma-separated PEM files of intermediate CAs */
  TRUST_INTERMEDIATES?: string;
  /** comma-separated CRL files */
  TRUST_CRLS?: string;
  CRL_RELOAD_INTERVAL_MS?: number;
  CRL_STALE_POLICY?: CrlStalePolicy;
}

/** The party's own signing identity (`@skp/platform` PartyIdentityEnv validates it). */
export interface PartyIdentitySettings {
  /** when set, must be the OIN in the certificate */
  PARTY_OIN?: string;
  /** PEM certificate chain, a path or inline PEM; with PARTY_KEY */
  PARTY_CERT?: string;
  PARTY_KEY?: string;
  /** PKCS#12 file path; with PARTY_P12_PASSWORD */
  PARTY_P12?: string;
  PARTY_P12_PASSWORD?: string;
}

export type CryptoSettings = TrustSettings & PartyIdentitySettings;
