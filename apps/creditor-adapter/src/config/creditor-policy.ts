import { envFlag } from '@skp/platform';
import type { CreditorEnv } from './creditor.env';

/** The creditor's rules as values, parsed once from the environment. */
export interface CreditorPolicy {
  bsnAllowed: boolean;
  autoAcknowledge: boolean;
  /** undefined: no cap of its own beyond the requested end */
  maxPauseMonths?: number;
  /** Collectief Schuldregelen: balance with pre-approval at once, conforming proposals accepted */
  collective: boolean;
  collectiveMaxTermMonths: number;
}

export function policyFromEnv(env: CreditorEnv): CreditorPolicy {
  return {
    bsnAllowed: envFlag(env.CREDITOR_BSN_ALLOWED),
    autoAcknowledge: envFlag(env.CREDITOR_AUTO_ACK),
    collective: envFlag(env.CREDITOR_COLLECTIVE),
    collectiveMaxTermMonths: env.CREDITOR_COLLECTIVE_MAX_TERM_MONTHS,
    ...(env.CREDITOR_MAX_PAUSE_MONTHS !== undefined ? { maxPauseMonths: env.CREDITOR_MAX_PAUSE_MONTHS } : {}),
  };
}
