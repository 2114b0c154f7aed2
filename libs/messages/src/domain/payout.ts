/**
 * The arithmetic of a payment proposal (DESIGN §9): the payout percentage (afkooppercentage) with
 * two decimals, each creditor's offer from it, and the percentage that an amount available for all
 * creditors together buys. Everything is exact integer arithmetic on cents and basis points
 * (hundredths of a percent), so the municipality, the hub and the creditor compute the same cent.
 */

const PERCENTAGE = /^(?:100\.00|[1-9]?\d\.\d{2})$/;
const FULL = 10_000n;

/** `"0.00"` to `"100.00"`, two decimals, no leading zero, no sign. */
export function isPayoutPercentage(value: unknown): value is string {
  return typeof value === 'string' && PERCENTAGE.test(value);
}

/** `"45.67"` → 4567. */
export function basisPointsOf(percentage: string): number {
  if (!isPayoutPercentage(percentage)) {
    throw new RangeError('payoutPercentage: a string with two decimals from "0.00" to "100.00"');
  }
  const [whole, fraction] = percentage.split('.');
  return Number(whole) * 100 + Number(fraction);
}

/** 4567 → `"45.67"`. */
export function percentageOf(basisPoints: number): string {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
    throw new RangeError('basis points run from 0 to 10000');
  }
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}`;
}

function cents(value: number, field: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field}: a non-negative whole number of cents`);
  }
  return BigInt(value);
}

/** round(creditorTotalCents × payoutPercentage / 100), half a cent rounded up. */
export function offeredAmountCents(creditorTotalCents: number, payoutPercentage: string): number {
  const total = cents(creditorTotalCents, 'creditorTotalCents');
  const points = BigInt(basisPointsOf(payoutPercentage));
  return Number((total * points * 2n + FULL) / (FULL * 2n));
}

/**
 * The percentage an amount available for all creditors buys: available ÷ total debt, floored to
 * two decimals so the offers never promise more than the percentage says, and at most 100.00.
 * With no debt at all, anything available pays it in full.
 */
export function percentageForAvailable(availableCents: number, totalDebtCents: number): string {
  const available = cents(availableCents, 'availableCents');
  const debt = cents(totalDebtCents, 'totalDebtCents');
  if (debt === 0n || available >= debt) {
    return '100.00';
  }
  return percentageOf(Number((available * FULL) / debt));
}

export interface ClaimTotal<K> {
  key: K;
  creditorTotalCents: number;
}

export interface ProposalShare<K> extends ClaimTotal<K> {
  offeredAmountCents: number;
}

export interface ProposalFigures<K> {
  payoutPercentage: string;
  totalDebtCents: number;
  shares: ProposalShare<K>[];
  /** the sum of the offers, each rounded on its own */
  offeredTotalCents: number;
  /**
   * the offers' sum minus the whole debt at the percentage rounded once: what per-creditor rounding
   * added (positive) or took away (negative), shown so nobody wonders where a cent went
   */
  roundingCents: number;
  /** when an amount available was given: what is left of it after the offers (may be negative by rounding) */
  unallocatedCents?: number;
}

export type ProposalBasis = { payoutPercentage: string } | { availableCents: number };

/** Every creditor's offer for one proposal round, from a percentage or from the amount available. */
export function proposalFigures<K>(claims: ClaimTotal<K>[], basis: ProposalBasis): ProposalFigures<K> {
  const totalDebt = claims.reduce(
    (sum, claim) => sum + cents(claim.creditorTotalCents, 'creditorTotalCents'),
    0n,
  );
  if (totalDebt > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('totalDebtCents: too large to compute exactly');
  }
  const totalDebtCents = Number(totalDebt);
  const payoutPercentage =
    'payoutPercentage' in basis
      ? percentageOf(basisPointsOf(basis.payoutPercentage))
      : percentageForAvailable(basis.availableCents, totalDebtCents);
  const shares = claims.map((claim) => ({
    ...claim,
    offeredAmountCents: offeredAmountCents(claim.creditorTotalCents, payoutPercentage),
  }));
  const offeredTotalCents = shares.reduce((sum, share) => sum + share.offeredAmountCents, 0);
  const figures: ProposalFigures<K> = {
    payoutPercentage,
    totalDebtCents,
    shares,
    offeredTotalCents,
    roundingCents: offeredTotalCents - offeredAmountCents(totalDebtCents, payoutPercentage),
  };
  if ('availableCents' in basis) {
    figures.unallocatedCents = basis.availableCents - offeredTotalCents;
  }
  return figures;
}
