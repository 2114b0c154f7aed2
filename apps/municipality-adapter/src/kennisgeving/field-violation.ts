import { describeRule, Violation } from '@skp/messages';
import { FieldViolation, violationsOf } from '@skp/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export type { FieldViolation };

const OWN_RULES: Record<string, string> = {
  'duplicate-creditor': 'lists the same creditor more than once',
  'at-least-one': 'must list at least one item',
  'at-most-200': 'must list at most 200 items',
  'missing-column': 'is a required column that the header lacks',
  'unknown-column': 'is not a column of the import format',
  'duplicate-column': 'appears more than once in the header',
  'column-count': 'the row has a different number of fields than the header',
  'differs-within-case': 'differs from an earlier row of the same case (rows of one case must agree)',
  'duplicate-row': 'repeats an earlier row for the same case and creditor',
  'csv-syntax': 'the file is not valid CSV (unterminated quote or stray quote)',
  'empty-file': 'the file has no header row',
  'no-rows': 'the file has a header but no data rows',
  'not-after-pause-start': 'must be after the pause start',
  'xml-syntax': 'the XML request is not well-formed',
  'xml-root': 'the XML root element must be <KennisgevingVerzoek>',
  'xml-doctype': 'XML with a DOCTYPE or entity declarations is not accepted',
  'xml-namespace': 'must have no namespace or urn:nl:schuldenknooppunt:gemeente:1',
  'not-an-object': 'the request must be a JSON object',
  'not-stored': 'could not be stored because of a server error; import the row again',
};

const ruleText = (rule: string): string => OWN_RULES[rule] ?? describeRule(rule);

export function fieldViolation(field: string, rule: string): FieldViolation {
  return { field, rule, message: `${field || 'request'} ${ruleText(rule)}` };
}

/**
 * The rules of a request DTO applied outside the ValidationPipe (to a CSV row, or in a service
 * that is also called without HTTP), with the pipe's options, paths and rule names.
 */
export function dtoViolations(cls: new () => object, raw: object): FieldViolation[] {
  const errors = validateSync(plainToInstance(cls, raw), {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  return violationsOf(errors, ruleText);
}

/** Re-labels a message-level violation with the request field it came from. */
export function relabel(violation: Violation, field: string): FieldViolation {
  const text = violation.message.startsWith(violation.path)
    ? violation.message.slice(violation.path.length).trimStart()
    : violation.message;
  return { field, rule: violation.rule, message: `${field || 'request'} ${text}` };
}

/** Keeps the first of every (field, rule) pair, in order. */
export function dedupeViolations(violations: FieldViolation[]): FieldViolation[] {
  const seen = new Set<string>();
  return violations.filter((v) => {
    const key = `${v.field}\u0000${v.rule}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}
