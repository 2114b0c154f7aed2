import { ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { isPayoutPercentage, offeredAmountCents } from '../domain/payout';
import { DtoClass, registerNestedType } from './nested-type';
import { rule } from './rules';

/**
 * Rules of the Collectief Schuldregelen bodies (DESIGN §9) that compare fields of one body: the
 * balance adds up, the offer follows from the percentage. Each is registered under its own rule
 * name, as the rules in rules.ts are.
 */

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

export const Bool = (): PropertyDecorator => rule('boolean', (v) => typeof v === 'boolean');

/** An array of objects, each validated against `cls`. */
export function NestedList(cls: () => DtoClass): PropertyDecorator {
  return compose(
    rule('array', (v) => Array.isArray(v)),
    rule(
      'objects',
      (v) => !Array.isArray(v) || v.every((e) => typeof e === 'object' && e !== null && !Array.isArray(e)),
    ),
    ValidateNested({ each: true }),
    Type(cls),
    (target, key) => registerNestedType(target, String(key), cls),
  );
}

export const PayoutPercentage = (): PropertyDecorator => rule('payout-percentage', isPayoutPercentage);

const amountOf = (claim: unknown): number | null => {
  const value = (claim as Record<string, unknown> | null)?.outstandingAmountCents;
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null;
};

/** On `claims`: empty exactly when the creditor does not know the debtor (`known: false`). */
export const ClaimsMatchKnown = (): PropertyDecorator =>
  compose(
    rule('claims-empty-when-unknown', (v, o) => o.known !== false || !Array.isArray(v) || v.length === 0),
    rule('claims-required-when-known', (v, o) => o.known !== true || !Array.isArray(v) || v.length > 0),
  );

/** On `totalOutstandingCents`: the sum of the claims' outstanding amounts (checked when they are readable). */
export const SumOfClaims = (): PropertyDecorator =>
  rule('sum-of-claims', (v, o) => {
    if (!Array.isArray(o.claims) || typeof v !== 'number') {
      return true;
    }
    const amounts = o.claims.map(amountOf);
    if (amounts.some((amount) => amount === null)) {
      return true; // the claim itself is reported; a sum over a broken claim says nothing more
    }
    return (amounts as number[]).reduce((sum, amount) => sum + amount, 0) === v;
  });

/** On `offeredAmountCents`: round(creditorTotalCents × payoutPercentage / 100). */
export const FollowsFromPercentage = (): PropertyDecorator =>
  rule('offered-follows-percentage', (v, o) => {
    const total = o.creditorTotalCents;
    const percentage = o.payoutPercentage;
    if (
      typeof v !== 'number' ||
      !Number.isSafeInteger(total) ||
      (total as number) < 0 ||
      !isPayoutPercentage(percentage)
    ) {
      return true;
    }
    return offeredAmountCents(total as number, percentage) === v;
  });

/** On `creditorTotalCents`: at most the total debt of all creditors. */
export const AtMostTotalDebt = (): PropertyDecorator =>
  rule(
    'at-most-total-debt',
    (v, o) => typeof v !== 'number' || typeof o.totalDebtCents !== 'number' || v <= o.totalDebtCents,
  );

/** On an end date: after the start date. */
export const AfterStart = (): PropertyDecorator =>
  rule(
    'after-start-date',
    (v, o) => typeof v !== 'string' || typeof o.startDate !== 'string' || v > o.startDate,
  );

/** On `byPreApproval`: accepted automatically under vooraf akkoord, so never true for a rejection. */
export const OnlyWhenAccepted = (): PropertyDecorator =>
  rule('pre-approval-only-when-ACCEPTED', (v, o) => v !== true || o.decision === 'ACCEPTED');
