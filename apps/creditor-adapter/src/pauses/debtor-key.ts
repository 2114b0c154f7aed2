import { isIsoDate, isValidBsn, isValidPostcode, normaliseBsn, normalisePostcode } from '@skp/messages';
import type { FieldViolation } from '@skp/platform';
import type { PauseLookupDto } from './dto/pause-lookup.dto';
import { normaliseName } from './pause-rules';
import type { DebtorKey } from './pause.repository';

export type DebtorKeyResult = { ok: true; key: DebtorKey } | { ok: false; violations: FieldViolation[] };

const v = (field: string, rule: string, text: string): FieldViolation => ({
  field,
  rule,
  message: `${field} ${text}`,
});

/** Reads the lookup body into exactly one debtor key, or every rule it breaks. */
export function toDebtorKey(input: PauseLookupDto): DebtorKeyResult {
  const present = (value: string | undefined): value is string =>
    typeof value === 'string' && value.trim() !== '';
  const person = [input.surname, input.birthDate, input.postcode].some(present);
  const modes = [present(input.bsn), present(input.customerNumber), person].filter(Boolean).length;
  if (modes === 0) {
    return {
      ok: false,
      violations: [
        v('body', 'one-key-required', 'needs bsn, or customerNumber, or surname + birthDate + postcode'),
      ],
    };
  }
  if (modes > 1) {
    return {
      ok: false,
      violations: [
        v(
          'body',
          'one-key-only',
          'must name the debtor one way only: bsn, customerNumber, or surname + birthDate + postcode',
        ),
      ],
    };
  }
  if (present(input.bsn)) {
    const bsn = normaliseBsn(input.bsn);
    return isValidBsn(bsn)
      ? { ok: true, key: { kind: 'bsn', bsn } }
      : {
          ok: false,
          violations: [v('bsn', 'bsn-11-proef', 'is not a valid BSN (9 digits passing the 11-proef)')],
        };
  }
  if (present(input.customerNumber)) {
    return { ok: true, key: { kind: 'customerNumber', customerNumber: input.customerNumber.trim() } };
  }
  const violations: FieldViolation[] = [];
  for (const field of ['surname', 'birthDate', 'postcode'] as const) {
    if (!present(input[field])) {
      violations.push(v(field, 'required', 'is required with a lookup by surname, birthDate and postcode'));
    }
  }
  const surnameKey = present(input.surname) ? normaliseName(input.surname) : '';
  if (present(input.surname) && surnameKey === '') {
    violations.push(v('surname', 'not-blank', 'must contain letters'));
  }
  if (present(input.birthDate) && !isIsoDate(input.birthDate)) {
    violations.push(v('birthDate', 'iso-date', 'must be a real calendar date in the form YYYY-MM-DD'));
  }
  const postcode = present(input.postcode) ? normalisePostcode(input.postcode) : '';
  if (present(input.postcode) && !isValidPostcode(postcode)) {
    violations.push(v('postcode', 'postcode', 'must be a Dutch postcode in the form 1234AB'));
  }
  if (violations.length > 0) {
    return { ok: false, violations };
  }
  return { ok: true, key: { kind: 'person', surnameKey, birthDate: input.birthDate as string, postcode } };
}
