import { FieldViolation, fieldViolation } from '../kennisgeving/field-violation';
import { prepareSubmission, SubmissionContext } from '../kennisgeving/submission';
import type { CsvDocument } from '@skp/platform';

/** DESIGN §7: one row per (case, creditor). */
export const REQUIRED_COLUMNS = [
  'caseReference',
  'bsn',
  'givenNames',
  'surname',
  'birthDate',
  'street',
  'houseNumber',
  'postcode',
  'city',
  'creditorOin',
] as const;
export const OPTIONAL_COLUMNS = [
  'initials',
  'surnamePrefix',
  'houseLetter',
  'houseNumberAddition',
  'admissionDate',
  'pauseStart',
  'pauseEnd',
  'creditorCustomerNumber',
  'counsellorName',
  'counsellorEmail',
  'counsellorPhone',
] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
/** Columns that describe the case rather than the creditor: rows of one case must agree on them. */
const CASE_COLUMNS = ALL_COLUMNS.filter((c) => c !== 'creditorOin' && c !== 'creditorCustomerNumber');

/** Request field path → CSV column, so a violation names the column the user typed. */
const FIELD_TO_COLUMN: Record<string, Column> = {
  caseReference: 'caseReference',
  'debtor.bsn': 'bsn',
  'debtor.initials': 'initials',
  'debtor.givenNames': 'givenNames',
  'debtor.surnamePrefix': 'surnamePrefix',
  'debtor.surname': 'surname',
  'debtor.birthDate': 'birthDate',
  'debtor.address.street': 'street',
  'debtor.address.houseNumber': 'houseNumber',
  'debtor.address.houseLetter': 'houseLetter',
  'debtor.address.houseNumberAddition': 'houseNumberAddition',
  'debtor.address.postcode': 'postcode',
  'debtor.address.city': 'city',
  admissionDate: 'admissionDate',
  'pause.start': 'pauseStart',
  'pause.end': 'pauseEnd',
  'creditors[0].oin': 'creditorOin',
  'creditors[0].customerNumber': 'creditorCustomerNumber',
  'counsellor.name': 'counsellorName',
  'counsellor.email': 'counsellorEmail',
  'counsellor.phone': 'counsellorPhone',
};

export type ImportRowStatus = 'SENT' | 'DUPLICATE' | 'ERROR';

export interface ImportRowResult {
  line: number;
  caseReference: string;
  creditorOin: string;
  status: ImportRowStatus;
  messageId?: string;
  errors?: FieldViolation[];
}

/** Rows of one case that passed every check, ready to submit together. */
export interface PlannedCase {
  caseReference: string;
  /** the JSON request for the whole case (all its good rows' creditors) */
  request: Record<string, unknown>;
  rows: Array<{ line: number; creditorOin: string }>;
}

export type ImportPlan =
  | { ok: true; cases: PlannedCase[]; failed: ImportRowResult[]; totalRows: number }
  | { ok: false; violations: FieldViolation[] };

type Row = Partial<Record<Column, string>>;

function columnOf(field: string): string {
  return FIELD_TO_COLUMN[field] ?? field;
}

/** Canonical column name for a header cell (trimmed, case-insensitive). */
function canonicalColumn(name: string): Column | undefined {
  const wanted = name.trim().toLowerCase();
  return ALL_COLUMNS.find((column) => column.toLowerCase() === wanted);
}

function headerViolations(doc: CsvDocument): {
  columns: Array<Column | undefined>;
  violations: FieldViolation[];
} {
  const violations: FieldViolation[] = [];
  const columns = doc.header.fields.map((name) => canonicalColumn(name));
  const seen = new Set<Column>();
  columns.forEach((column, index) => {
    if (!column) {
      // header names are column labels, not personal data
      violations.push(
        fieldViolation(
          doc.header.fields[index].trim().slice(0, 60) || `column ${index + 1}`,
          'unknown-column',
        ),
      );
    } else if (seen.has(column)) {
      violations.push(fieldViolation(column, 'duplicate-column'));
    } else {
      seen.add(column);
    }
  });
  for (const column of REQUIRED_COLUMNS) {
    if (!seen.has(column)) {
      violations.push(fieldViolation(column, 'missing-column'));
    }
  }
  return { columns, violations };
}

const integerOrText = (value: string | undefined): number | string | undefined =>
  value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : value;

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The case part of a JSON request from one row (no creditors). */
function caseRequest(row: Row, today: string): Record<string, unknown> {
  const counsellor = stripUndefined({
    name: row.counsellorName,
    email: row.counsellorEmail,
    phone: row.counsellorPhone,
  });
  return stripUndefined({
    caseReference: row.caseReference,
    debtor: stripUndefined({
      bsn: row.bsn,
      initials: row.initials,
      givenNames: row.givenNames,
      surnamePrefix: row.surnamePrefix,
      surname: row.surname,
      birthDate: row.birthDate,
      address: stripUndefined({
        street: row.street,
        houseNumber: integerOrText(row.houseNumber),
        houseLetter: row.houseLetter,
        houseNumberAddition: row.houseNumberAddition,
        postcode: row.postcode,
        city: row.city,
      }),
    }),
    counsellor: Object.keys(counsellor).length > 0 ? counsellor : undefined,
    admissionDate: row.admissionDate ?? today,
    pause: stripUndefined({ start: row.pauseStart ?? today, end: row.pauseEnd }),
  });
}

const creditorRequest = (row: Row): Record<string, unknown> =>
  stripUndefined({ oin: row.creditorOin, customerNumber: row.creditorCustomerNumber });

function rowOf(record: CsvDocument['records'][number], columns: Array<Column | undefined>): Row {
  const row: Row = {};
  columns.forEach((column, index) => {
    const value = record.fields[index]?.trim();
    if (column && value !== undefined && value !== '') {
      row[column] = value;
    }
  });
  return row;
}

/**
 * The cases whose rows agree and pass every check together (each creditor once): one check per
 * case instead of one per row (a file has a row per creditor). Their rows need no check of their
 * own; rows of any other case are checked one by one, so each gets its own errors.
 */
function casesPassingWhole(
  doc: CsvDocument,
  rows: Row[],
  columnCount: number,
  context: SubmissionContext,
  today: string,
): Set<string> {
  const groups = new Map<string, Row[]>();
  rows.forEach((row, index) => {
    if (doc.records[index].fields.length === columnCount && row.caseReference !== undefined) {
      const group = groups.get(row.caseReference);
      if (group) {
        group.push(row);
      } else {
        groups.set(row.caseReference, [row]);
      }
    }
  });
  const passing = new Set<string>();
  for (const [caseReference, group] of groups) {
    const [first] = group;
    const agree = group.every((row) => CASE_COLUMNS.every((column) => row[column] === first[column]));
    const request = { ...caseRequest(first, today), creditors: group.map(creditorRequest) };
    // a creditor named twice fails the check of the whole case (duplicateCreditors)
    if (agree && prepareSubmission(request, context).ok) {
      passing.add(caseReference);
    }
  }
  return passing;
}

/**
 * Checks every row of an import and groups the good ones into cases. A bad row never stops the
 * others: it gets its own errors (named by CSV column, never echoing a value) and the rest of its
 * case still goes out. Rows of one case must agree on the case columns (debtor, pause, counsellor).
 */
export function planImport(
  doc: CsvDocument,
  context: SubmissionContext,
  today: string,
  wholeCases = true, // false: every row checked alone (what the shortcut must agree with)
): ImportPlan {
  const header = headerViolations(doc);
  if (header.violations.length > 0) {
    return { ok: false, violations: header.violations };
  }
  if (doc.records.length === 0) {
    return { ok: false, violations: [fieldViolation('file', 'no-rows')] };
  }
  const failed: ImportRowResult[] = [];
  const cases = new Map<string, { first: Row; plan: PlannedCase }>();
  const rows = doc.records.map((record) => rowOf(record, header.columns));
  const passing = wholeCases
    ? casesPassingWhole(doc, rows, header.columns.length, context, today)
    : new Set<string>();

  for (const [index, record] of doc.records.entries()) {
    const row = rows[index];
    const fail = (errors: FieldViolation[]): void => {
      failed.push({
        line: record.line,
        caseReference: row.caseReference ?? '',
        creditorOin: row.creditorOin ?? '',
        status: 'ERROR',
        errors,
      });
    };
    if (record.fields.length !== header.columns.length) {
      fail([fieldViolation('row', 'column-count')]);
      continue;
    }
    // a row of a case that passed as a whole passes alone too: the same fields, one creditor fewer
    const prepared = passing.has(row.caseReference ?? '')
      ? { ok: true as const }
      : prepareSubmission({ ...caseRequest(row, today), creditors: [creditorRequest(row)] }, context);
    if (!prepared.ok) {
      fail(
        prepared.violations.map((v) => ({
          ...v,
          field: columnOf(v.field),
          message: v.message.replace(v.field, columnOf(v.field)),
        })),
      );
      continue;
    }
    const caseReference = row.caseReference as string;
    const existing = cases.get(caseReference);
    if (!existing) {
      cases.set(caseReference, {
        first: row,
        plan: {
          caseReference,
          request: { ...caseRequest(row, today), creditors: [creditorRequest(row)] },
          rows: [{ line: record.line, creditorOin: row.creditorOin as string }],
        },
      });
      continue;
    }
    const differing = CASE_COLUMNS.filter((column) => existing.first[column] !== row[column]);
    if (differing.length > 0) {
      fail(differing.map((column) => fieldViolation(column, 'differs-within-case')));
      continue;
    }
    if (existing.plan.rows.some((r) => r.creditorOin === row.creditorOin)) {
      fail([fieldViolation('creditorOin', 'duplicate-row')]);
      continue;
    }
    (existing.plan.request.creditors as unknown[]).push(creditorRequest(row));
    existing.plan.rows.push({ line: record.line, creditorOin: row.creditorOin as string });
  }
  return { ok: true, cases: [...cases.values()].map((c) => c.plan), failed, totalRows: doc.records.length };
}
