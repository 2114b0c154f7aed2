import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { brokenRules } from '@skp/messages';

/**
 * One broken rule of a request, named by the request's own field path (`debtor.address.postcode`,
 * `creditors[1].oin`, or a CSV column). `message` never contains the offending value: it may be
 * personal data.
 */
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/** The JSON body of every refused request, in every app. */
export interface HttpErrorBody {
  statusCode: number;
  error: string;
  message: string;
  violations: FieldViolation[];
}

/** A human summary: every violation's text, or `fallback` when there is none. */
function summary(violations: FieldViolation[], fallback: string): string {
  return violations.length > 0 ? violations.map((v) => v.message).join('; ') : fallback;
}

/** The error body for `status`; the summary message is built from the violations unless given. */
export function httpErrorBody(
  status: HttpStatus,
  error: string,
  violations: FieldViolation[],
  message?: string,
): HttpErrorBody {
  return { statusCode: status, error, message: message ?? summary(violations, error), violations };
}

/** 400 listing every broken rule by field and rule; never echoes a submitted value. */
export class ValidationFailed extends BadRequestException {
  constructor(readonly violations: FieldViolation[]) {
    super(httpErrorBody(HttpStatus.BAD_REQUEST, 'Bad Request', violations));
  }
}

/** `throw badRequest([...])`: the one way an app refuses a bad request by hand. */
export function badRequest(violations: FieldViolation[]): ValidationFailed {
  return new ValidationFailed(violations);
}

/** A 400 for one field, where the text is the app's own (it should start with the field name). */
export function badField(field: string, rule: string, message: string): ValidationFailed {
  return badRequest([{ field, rule, message }]);
}

/** 415 with the common body; `violations` stays empty because no field is at fault. */
export function unsupportedMediaType(message: string): HttpException {
  return new HttpException(
    httpErrorBody(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type', [], message),
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  );
}

function childPath(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) {
    return `${prefix}[${property}]`;
  }
  return prefix ? `${prefix}.${property}` : property;
}

/**
 * class-validator's errors as field violations: nested paths as `debtor.address.postcode`, list
 * items as `creditors[1].oin`, the rule is the constraint's name. A field that is missing (or not
 * an object where one is needed) reports only that, not every rule its absence also breaks.
 * `describe` gives the text of a rule whose constraint carries no message of its own.
 */
export function violationsOf(
  errors: ValidationError[],
  describe: (rule: string) => string | undefined = () => undefined,
  prefix = '',
): FieldViolation[] {
  return brokenRules(errors, prefix, childPath).map(({ path, property, rule, text }) => ({
    field: path,
    rule,
    message: `${path} ${ruleText(rule, text, property, describe)}`,
  }));
}

/** The rule's text without the field name class-validator starts its own messages with. */
function ruleText(
  rule: string,
  text: string | undefined,
  property: string,
  describe: (rule: string) => string | undefined,
): string {
  const own = text?.startsWith(`${property} `) ? text.slice(property.length + 1) : text;
  return describe(rule) ?? (own || `breaks rule ${rule}`);
}

/** The global ValidationPipe's exceptionFactory: the same 400 body as every hand-made refusal. */
export function validationExceptionFactory(
  describe?: (rule: string) => string | undefined,
): (errors: ValidationError[]) => ValidationFailed {
  return (errors) => badRequest(violationsOf(errors, describe));
}
