import {
  CLAIM_KINDS,
  ClaimKind,
  isIsoDate,
  isValidBsn,
  isValidPostcode,
  normaliseBsn,
  normalisePostcode,
} from '@skp/messages';
import type { CsvDocument, FieldViolation } from '@skp/platform';
import { normaliseName } from '../pauses/pause-rules';

/**
 * The claims register's CSV (DESIGN §9): one open claim per row, keyed by its reference, with the
 * ways the collection system knows the debtor. Pure: the file in, rows and per-line errors out.
 */
export const CLAIM_COLUMNS = [
  'reference',
  'kind',
  'originalAmountCents',
  'outstandingAmountCents',
  'customerNumber',
  'bsn',
  'surname',
  'birthDate',
  'postcode',
  'since',
] as const;
export const REQUIRED_CLAIM_COLUMNS = [
  'reference',
  'kind',
  'originalAmountCents',
  'outstandingAmountCents',
] as const;
type Column = (typeof CLAIM_COLUMNS)[number];

export interface ClaimRow {
  reference: string;
  kind: ClaimKind;
  originalAmountCents: number;
  outstandingAmountCents: number;
  customerNumber: string | null;
  bsn: string | null;
  surnameKey: string | null;
  birthDate: string | null;
  postcode: string | null;
  since: string | null;
}

export type ClaimLine =
  | { line: number; ok: true; row: ClaimRow }
  | { line: number; ok: false; reference: string | null; violations: FieldViolation[] };

const MAX_REFERENCE = 100;
const CENTS = /^\d{1,15}$/;

const problem = (field: string, rule: string, text: string): FieldViolation => ({
  field,
  rule,
  message: `${field} ${text}`,
});

/** Problems with the file as a whole (unknown, missing or repeated columns): nothing is read from it. */
export function headerProblems(document: CsvDocument): FieldViolation[] {
  const names = document.header.fields.map((name) => name.trim());
  const problems: FieldViolation[] = [];
  for (const name of names) {
    if (!(CLAIM_COLUMNS as readonly string[]).includes(name)) {
      problems.push(
        problem(
          `header.${name}`,
          'unknown-column',
          `is not a column of the claims file (${CLAIM_COLUMNS.join(';')})`,
        ),
      );
    }
  }
  for (const name of REQUIRED_CLAIM_COLUMNS) {
    if (!names.includes(name)) {
      problems.push(problem(`header.${name}`, 'required-column', 'is a required column'));
    }
  }
  for (const [index, name] of names.entries()) {
    if (names.indexOf(name) !== index) {
      problems.push(problem(`header.${name}`, 'duplicate-column', 'appears more than once'));
    }
  }
  return problems;
}

function cents(value: string, field: Column, violations: FieldViolation[]): number {
  if (!CENTS.test(value)) {
    violations.push(problem(field, 'cents', 'must be a whole, non-negative number of cents (digits only)'));
    return 0;
  }
  return Number(value);
}

const optional = (value: string | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** Reads every data row; `bsnAllowed` false makes a BSN in the file an error, never stored. */
export function readClaimLines(document: CsvDocument, bsnAllowed: boolean): ClaimLine[] {
  const names = document.header.fields.map((name) => name.trim());
  const seen = new Set<string>();
  return document.records.map((record) => {
    const cell = (column: Column): string | null => {
      const index = names.indexOf(column);
      return index < 0 ? null : optional(record.fields[index]);
    };
    const violations: FieldViolation[] = [];
    const reference = cell('reference');
    if (!reference) {
      violations.push(problem('reference', 'required', 'is required'));
    } else if (reference.length > MAX_REFERENCE) {
      violations.push(
        problem('reference', `max-length-${MAX_REFERENCE}`, `must be at most ${MAX_REFERENCE} characters`),
      );
    } else if (seen.has(reference)) {
      violations.push(problem('reference', 'duplicate-reference', 'appears on an earlier line of this file'));
    }
    const kind = cell('kind');
    if (!kind || !(CLAIM_KINDS as readonly string[]).includes(kind)) {
      violations.push(problem('kind', 'one-of', `must be one of ${CLAIM_KINDS.join(', ')}`));
    }
    const originalAmountCents = cents(cell('originalAmountCents') ?? '', 'originalAmountCents', violations);
    const outstandingAmountCents = cents(
      cell('outstandingAmountCents') ?? '',
      'outstandingAmountCents',
      violations,
    );

    const rawBsn = cell('bsn');
    const bsn = rawBsn === null ? null : normaliseBsn(rawBsn);
    if (bsn !== null && !bsnAllowed) {
      violations.push(
        problem('bsn', 'bsn-not-allowed', 'may not be kept by this creditor: leave the column empty'),
      );
    } else if (bsn !== null && !isValidBsn(bsn)) {
      violations.push(problem('bsn', 'bsn-11-proef', 'is not a valid BSN (9 digits passing the 11-proef)'));
    }
    const birthDate = cell('birthDate');
    if (birthDate !== null && !isIsoDate(birthDate)) {
      violations.push(
        problem('birthDate', 'iso-date', 'must be a real calendar date in the form YYYY-MM-DD'),
      );
    }
    const rawPostcode = cell('postcode');
    const postcode = rawPostcode === null ? null : normalisePostcode(rawPostcode);
    if (postcode !== null && !isValidPostcode(postcode)) {
      violations.push(problem('postcode', 'postcode', 'must be a Dutch postcode in the form 1234AB'));
    }
    const since = cell('since');
    if (since !== null && !isIsoDate(since)) {
      violations.push(problem('since', 'iso-date', 'must be a real calendar date in the form YYYY-MM-DD'));
    }
    const surname = cell('surname');
    const surnameKey = surname === null ? null : normaliseName(surname) || null;
    const customerNumber = cell('customerNumber');
    const person = surnameKey !== null && birthDate !== null && postcode !== null;
    if (bsn === null && customerNumber === null && !person) {
      violations.push(
        problem(
          'debtor',
          'debtor-key-required',
          'needs bsn, customerNumber, or surname + birthDate + postcode to be found',
        ),
      );
    }
    if (violations.length > 0) {
      return { line: record.line, ok: false, reference, violations };
    }
    seen.add(reference as string);
    return {
      line: record.line,
      ok: true,
      row: {
        reference: reference as string,
        kind: kind as ClaimKind,
        originalAmountCents,
        outstandingAmountCents,
        customerNumber,
        bsn,
        surnameKey,
        birthDate,
        postcode,
        since,
      },
    };
  });
}
