import { CsvSyntaxError, FieldViolation, parseCsv } from '@skp/platform';
import { ClaimLine, ClaimRow, headerProblems, readClaimLines } from './claims-csv';

/** One line of an import's answer: the header is line 1, as in the municipality's CSV import. */
export interface ClaimImportRow {
  line: number;
  reference?: string;
  status: 'STORED' | 'ERROR';
  errors?: FieldViolation[];
}

export interface ClaimImportResult {
  summary: { stored: number; failed: number };
  rows: ClaimImportRow[];
}

export type ClaimImportPlan =
  { ok: true; rows: ClaimRow[]; result: ClaimImportResult } | { ok: false; violations: FieldViolation[] };

const fileProblem = (field: string, rule: string, text: string): FieldViolation => ({
  field,
  rule,
  message: `${field} ${text}`,
});

/**
 * The claims file read as a whole: problems with the file itself refuse all of it (a 400); a bad
 * line is reported by its line number and the good lines are stored anyway. Pure.
 */
export function planClaimImport(text: string, bsnAllowed: boolean): ClaimImportPlan {
  if (text.includes('\u0000')) {
    return { ok: false, violations: [fileProblem('file', 'no-nul-bytes', 'must be text without NUL bytes')] };
  }
  let document;
  try {
    document = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      const field = `line ${error.line}`;
      return { ok: false, violations: [fileProblem(field, 'csv-syntax', 'is not valid CSV (quotes)')] };
    }
    throw error;
  }
  if (!document) {
    return { ok: false, violations: [fileProblem('file', 'empty-file', 'has no header line')] };
  }
  const problems = headerProblems(document);
  if (problems.length > 0) {
    return { ok: false, violations: problems };
  }
  const lines = readClaimLines(document, bsnAllowed);
  const good = lines.filter((line): line is Extract<ClaimLine, { ok: true }> => line.ok);
  return {
    ok: true,
    rows: good.map((line) => line.row),
    result: {
      summary: { stored: good.length, failed: lines.length - good.length },
      rows: lines.map(toImportRow),
    },
  };
}

function toImportRow(line: ClaimLine): ClaimImportRow {
  if (line.ok) {
    return { line: line.line, reference: line.row.reference, status: 'STORED' };
  }
  return {
    line: line.line,
    ...(line.reference ? { reference: line.reference } : {}),
    status: 'ERROR',
    errors: line.violations,
  };
}
