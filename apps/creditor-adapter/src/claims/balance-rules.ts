import { normalisePostcode } from '@skp/messages';
import { normaliseName } from '../pauses/pause-rules';
import type { ClaimRow } from './claims-csv';

/**
 * How a creditor answers Collectief Schuldregelen from its claims register (DESIGN §9): which claims
 * are the debtor's, the balance statement they make, and whether a proposal follows the
 * pre-approval given with that statement. Pure: the adapter's services bring the rows.
 */

/** The parts of a BalanceRequest body that identify the debtor. */
export interface RequestedDebtor {
  debtor: {
    bsn?: string;
    surname: string;
    surnamePrefix?: string;
    birthDate: string;
    address: { postcode: string };
  };
  creditorCustomerNumber?: string;
}

/** What a claim is matched on, normalised as the register stores it. */
export interface DebtorKeys {
  bsn: string | null;
  customerNumber: string | null;
  surnameKeys: string[];
  birthDate: string;
  postcode: string;
}

export function debtorKeysOf(request: RequestedDebtor, bsnAllowed: boolean): DebtorKeys {
  const { debtor } = request;
  const full = debtor.surnamePrefix ? `${debtor.surnamePrefix} ${debtor.surname}` : debtor.surname;
  return {
    bsn: bsnAllowed && debtor.bsn ? debtor.bsn : null,
    customerNumber: request.creditorCustomerNumber?.trim() || null,
    surnameKeys: [...new Set([normaliseName(debtor.surname), normaliseName(full)])].filter(
      (key) => key !== '',
    ),
    birthDate: debtor.birthDate,
    postcode: normalisePostcode(debtor.address.postcode),
  };
}

type Matchable = Pick<ClaimRow, 'bsn' | 'customerNumber' | 'surnameKey' | 'birthDate' | 'postcode'>;

/** A claim is the debtor's when any one way the register knows its debtor matches, as the pause lookup does. */
export function claimMatches(claim: Matchable, keys: DebtorKeys): boolean {
  if (keys.bsn !== null && claim.bsn === keys.bsn) {
    return true;
  }
  if (keys.customerNumber !== null && claim.customerNumber === keys.customerNumber) {
    return true;
  }
  return (
    claim.surnameKey !== null &&
    keys.surnameKeys.includes(claim.surnameKey) &&
    claim.birthDate === keys.birthDate &&
    claim.postcode === keys.postcode
  );
}

export interface StatedClaim {
  reference: string;
  kind: string;
  originalAmountCents: number;
  outstandingAmountCents: number;
  since?: string;
}

export interface StatementBody {
  known: boolean;
  claims: StatedClaim[];
  totalOutstandingCents: number;
  preApproval?: boolean;
  paymentReference?: string;
}

/**
 * The balance statement for the debtor's open claims (a settled claim, 0 outstanding, is not
 * stated). Pre-approval is given only to a collective request by a collective creditor, and only
 * when there is something to approve.
 */
export function statementFrom(
  claims: ClaimRow[],
  request: { collective: boolean },
  collectiveCreditor: boolean,
): StatementBody {
  const open = claims
    .filter((claim) => claim.outstandingAmountCents > 0)
    .sort((a, b) => a.reference.localeCompare(b.reference));
  const stated = open.map((claim) => ({
    reference: claim.reference,
    kind: claim.kind,
    originalAmountCents: claim.originalAmountCents,
    outstandingAmountCents: claim.outstandingAmountCents,
    ...(claim.since ? { since: claim.since } : {}),
  }));
  const body: StatementBody = {
    known: stated.length > 0,
    claims: stated,
    totalOutstandingCents: stated.reduce((sum, claim) => sum + claim.outstandingAmountCents, 0),
  };
  if (request.collective && collectiveCreditor && body.known) {
    body.preApproval = true;
  }
  return body;
}

export interface ProposalTerms {
  creditorTotalCents: number;
  termMonths: number;
}

/** Why a proposal does not follow the pre-approval, or null when it does (then it is accepted by itself). */
export function preApprovalGap(
  statement: Pick<StatementBody, 'preApproval' | 'totalOutstandingCents'>,
  proposal: ProposalTerms,
  maxTermMonths: number,
): string | null {
  if (statement.preApproval !== true) {
    return 'no pre-approval was given with the balance';
  }
  if (proposal.creditorTotalCents !== statement.totalOutstandingCents) {
    return 'the proposal is not based on the stated balance';
  }
  if (proposal.termMonths > maxTermMonths) {
    return `the term is longer than ${maxTermMonths} months`;
  }
  return null;
}
