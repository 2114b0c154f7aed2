import { isValidBsn, isValidPostcode, normaliseBsn, normalisePostcode, rule } from '@skp/messages';
import { ValidateBy } from 'class-validator';

/*
 * Rules of the request that differ from the message's own: the request takes a BSN of 8 digits
 * and a postcode with a space or in lower case, which the adapter normalises before it builds the
 * message. Rule names are the message's, so a request and a CSV row report the same rule.
 */

const isString = (v: unknown): v is string => typeof v === 'string';

export const MAX_CREDITORS = 200;

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

/** 9 digits (8 get a leading zero) passing the 11-proef. */
export const RequestBsn = (): PropertyDecorator =>
  compose(
    rule('string', isString),
    rule('bsn-format', (v) => !isString(v) || /^\d{9}$/.test(normaliseBsn(v))),
    rule('bsn-11-proef', (v) => {
      const bsn = isString(v) ? normaliseBsn(v) : '';
      return !/^\d{9}$/.test(bsn) || isValidBsn(bsn);
    }),
  );

/** A Dutch postcode, spaces and case as typed. */
export const RequestPostcode = (): PropertyDecorator =>
  rule('postcode', (v) => isString(v) && isValidPostcode(normalisePostcode(v)));

/** A list of 1 to MAX_CREDITORS items; the rules carry their own text (the message schema has none). */
export const CreditorList = (): PropertyDecorator =>
  compose(
    rule('array', (v) => Array.isArray(v)),
    ValidateBy(
      { name: 'at-least-one', validator: { validate: (v) => !Array.isArray(v) || v.length > 0 } },
      { message: 'must list at least one item' },
    ),
    ValidateBy(
      {
        name: `at-most-${MAX_CREDITORS}`,
        validator: { validate: (v) => !Array.isArray(v) || v.length <= MAX_CREDITORS },
      },
      { message: `must list at most ${MAX_CREDITORS} items` },
    ),
  );
