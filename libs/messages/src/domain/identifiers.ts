/** Dutch identifier rules of DESIGN §2. Pure functions; they never throw on bad input. */

const NINE_DIGITS = /^\d{9}$/;

/** BSN: 9 digits passing the 11-proef (weights 9..2 and -1; sum divisible by 11 and not 0). */
export function isValidBsn(value: unknown): value is string {
  if (typeof value !== 'string' || !NINE_DIGITS.test(value)) {
    return false;
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number(value[i]) * (9 - i);
  }
  sum -= Number(value[8]);
  return sum !== 0 && sum % 11 === 0;
}

/** Accepts an 8- or 9-digit BSN (surrounding spaces ignored) and returns 9 digits; anything else unchanged. */
export function normaliseBsn(value: string): string {
  const trimmed = value.trim();
  return /^\d{8}$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/** Suffix rule per known OIN prefix; `null` means "any main number and suffix" (test prefix). */
const OIN_PREFIX_RULES: Record<string, { pattern: RegExp; rule: string } | null> = {
  '00000001': { pattern: /^\d{9}000$/, rule: 'prefix 00000001 needs a 9-digit RSIN followed by suffix 000' },
  '00000003': {
    pattern: /^\d{8}0000$/,
    rule: 'prefix 00000003 needs an 8-digit KvK number followed by suffix 0000',
  },
  '00000004': { pattern: /^\d{9}000$/, rule: 'prefix 00000004 (SubOIN) needs suffix 000' },
  '00000099': null,
};

/** Returns why a string is not a valid OIN, or `null` when it is valid. */
export function explainOin(value: unknown): string | null {
  if (typeof value !== 'string') {
    return 'an OIN must be a string';
  }
  if (!/^\d{20}$/.test(value)) {
    return 'an OIN must be exactly 20 digits';
  }
  const prefix = value.slice(0, 8);
  if (!(prefix in OIN_PREFIX_RULES)) {
    return `unknown OIN prefix ${prefix} (known: ${Object.keys(OIN_PREFIX_RULES).join(', ')})`;
  }
  const rule = OIN_PREFIX_RULES[prefix];
  if (rule && !rule.pattern.test(value.slice(8))) {
    return rule.rule;
  }
  return null;
}

export function isValidOin(value: unknown): value is string {
  return explainOin(value) === null;
}

/** CBS gemeentecode: 4 digits, e.g. `0344` (Utrecht). */
export function isValidGemeentecode(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}$/.test(value);
}

/** KvK number: 8 digits. */
export function isValidKvk(value: unknown): value is string {
  return typeof value === 'string' && /^\d{8}$/.test(value);
}

/** `1234 ab` → `1234AB`; strips spaces and upper-cases. Does not validate. */
export function normalisePostcode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Letter pairs PostNL does not issue (historical connotations). */
const UNISSUED_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);

/** A normalised postcode: first digit 1-9, 4 digits, 2 capital letters, not SA/SD/SS. */
export function isValidPostcode(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const match = /^[1-9]\d{3}([A-Z]{2})$/.exec(value);
  return match !== null && !UNISSUED_POSTCODE_LETTERS.has(match[1]);
}

/** Lowercase RFC 4122/9562 UUID; one spelling per id, so ids compare as strings. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
