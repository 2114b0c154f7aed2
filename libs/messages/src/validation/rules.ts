import 'reflect-metadata';
import { Type } from 'class-transformer';
import { isEmail, ValidateBy, ValidateIf, ValidateNested, ValidationArguments } from 'class-validator';
import { explainOin, isUuid, isValidBsn, isValidGemeentecode, isValidPostcode } from '../domain/identifiers';
import { isIsoDate, isRfc3339Utc, pauseViolations, PauseRule } from '../domain/dates';
import { DtoClass, registerNestedType } from './nested-type';

/**
 * Property decorators for the message DTOs. Every check is registered under its own short rule
 * name, which becomes `Violation.rule`; the human text comes from RULE_TEXT and never shows a value.
 */
type Check = (value: unknown, object: Record<string, unknown>) => boolean;

export const TEXT_MAX = 200;
export const IDENTIFIER_MAX = 100;
export const NOTE_MAX = 2000;

/** Characters XML 1.0 cannot carry, and lone surrogates: such text would not survive the XML encoding. */
const NOT_XML_SAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

export function rule(name: string, check: Check, each = false): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          check(value, (args?.object ?? {}) as Record<string, unknown>),
      },
    },
    { each },
  );
}

function compose(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorator) => decorator(target, key));
}

const isString = (v: unknown): v is string => typeof v === 'string';
const whenString =
  (check: (v: string) => boolean): Check =>
  (v) =>
    !isString(v) || check(v);

/** The field must be present (null counts as present and fails the type rule). */
export const Required = (): PropertyDecorator => rule('required', (v) => v !== undefined);

/** Absent is fine; present (also null) must pass the other rules. */
export const Optional = (): PropertyDecorator => ValidateIf((_o, v) => v !== undefined);

/**
 * Present exactly when `field` equals `expected`: rule `required-iff-<expected>` when missing,
 * `forbidden-unless-<expected>` when present without reason.
 */
export function RequiredIff(field: string, expected: string): PropertyDecorator {
  return compose(
    ValidateIf((o: Record<string, unknown>, v) => v !== undefined || o[field] === expected),
    rule(`required-iff-${expected}`, (v, o) => o[field] !== expected || v !== undefined),
    rule(`forbidden-unless-${expected}`, (v, o) => o[field] === expected || v === undefined),
  );
}

interface TextOptions {
  max?: number;
  multiline?: boolean;
  each?: boolean;
}

/** A non-blank string of XML-safe characters, single-line unless `multiline`. */
export function Text({
  max = TEXT_MAX,
  multiline = false,
  each = false,
}: TextOptions = {}): PropertyDecorator {
  return compose(
    rule('string', isString, each),
    rule(
      'not-blank',
      whenString((v) => v.trim().length > 0),
      each,
    ),
    rule(
      `max-length-${max}`,
      whenString((v) => v.length <= max),
      each,
    ),
    rule(
      'text-characters',
      whenString((v) => !NOT_XML_SAFE.test(v) && (multiline || !LINE_BREAK_OR_TAB.test(v))),
      each,
    ),
  );
}

export const OneOf = (values: readonly unknown[]): PropertyDecorator =>
  rule('one-of', (v) => values.includes(v));

export const Pattern = (name: string, pattern: RegExp): PropertyDecorator =>
  rule(name, (v) => isString(v) && pattern.test(v));

export const Uuid = (): PropertyDecorator => rule('uuid', isUuid);
export const Oin = (): PropertyDecorator => rule('oin', (v) => explainOin(v) === null);
export const IsoDate = (): PropertyDecorator => rule('iso-date', isIsoDate);
export const Rfc3339Utc = (): PropertyDecorator => rule('rfc3339-utc', isRfc3339Utc);
export const Postcode = (): PropertyDecorator => rule('postcode', isValidPostcode);
export const Gemeentecode = (): PropertyDecorator => rule('gemeentecode', isValidGemeentecode);
/** How many e-mail verdicts are remembered; the oldest is forgotten first. */
const EMAIL_VERDICTS_KEPT = 512;
const emailVerdicts = new Map<string, boolean>();

/**
 * validator.js `isEmail`, remembered per address: the same counsellor or contact address comes in
 * message after message, and `isEmail` is one of the dearest rules. Only strings short enough to be
 * an address (the Text rule allows 254) are kept, so the cache stays small.
 */
export function isEmailAddress(value: string): boolean {
  const known = emailVerdicts.get(value);
  if (known !== undefined) {
    return known;
  }
  const verdict = isEmail(value);
  if (value.length <= 254) {
    if (emailVerdicts.size >= EMAIL_VERDICTS_KEPT) {
      emailVerdicts.delete(emailVerdicts.keys().next().value as string);
    }
    emailVerdicts.set(value, verdict);
  }
  return verdict;
}

export const Email = (): PropertyDecorator =>
  compose(Text({ max: 254 }), rule('email', whenString(isEmailAddress)));

export const Bsn = (): PropertyDecorator =>
  compose(
    rule('bsn-format', (v) => isString(v) && /^\d{9}$/.test(v)),
    rule(
      'bsn-11-proef',
      whenString((v) => !/^\d{9}$/.test(v) || isValidBsn(v)),
    ),
  );

/** A safe integer within [min, max]; safe so that XML text converts back to the same number. */
export const Integer = (min: number, max = Number.MAX_SAFE_INTEGER): PropertyDecorator =>
  compose(
    rule('integer', (v) => Number.isSafeInteger(v)),
    rule(`minimum-${min}`, (v) => typeof v !== 'number' || v >= min),
    rule(`maximum-${max}`, (v) => typeof v !== 'number' || v <= max),
  );

export const StringList = (max = IDENTIFIER_MAX): PropertyDecorator =>
  compose(
    rule('array', (v) => Array.isArray(v)),
    Text({ max, each: true }),
  );

/** A nested object validated against `cls`; arrays and null are rejected. */
export function Nested(cls: () => DtoClass): PropertyDecorator {
  return compose(
    rule('object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
    ValidateNested(),
    Type(cls),
    (target, key) => registerNestedType(target, String(key), cls),
  );
}

/** The last pause checked: both pause rules ask about the same start and end, one after the other. */
let lastPause: { start: string; end: string; broken: PauseRule[] } = { start: '', end: '', broken: [] };

function brokenPauseRules(start: string, end: string): PauseRule[] {
  if (lastPause.start !== start || lastPause.end !== end) {
    lastPause = { start, end, broken: pauseViolations(start, end) };
  }
  return lastPause.broken;
}

/** On `end` of a pause: end after start and at most 8 calendar months later. */
export const PauseEnd = (): PropertyDecorator =>
  compose(
    rule(
      'pause-end-after-start',
      (v, o) => !brokenPauseRules(String(o.start), String(v)).includes('pause-end-after-start'),
    ),
    rule(
      'pause-max-8-months',
      (v, o) => !brokenPauseRules(String(o.start), String(v)).includes('pause-max-8-months'),
    ),
  );
