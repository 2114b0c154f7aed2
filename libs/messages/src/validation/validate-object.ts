import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { compiledValidator } from './compiled-validator';
import type { DtoClass } from './nested-type';
import { violation, Violation } from './violation';

/**
 * Keys never handed to class-transformer: those that could reach an object's prototype, and the
 * names of Object.prototype's methods, which class-transformer would silently drop (so `toString`
 * would pass as a field) where they are unknown fields like any other.
 */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);
/** Deeper than any message field (the deepest is body.debtor.address.houseNumber). */
const MAX_DEPTH = 8;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A structural copy for validation, so class-transformer never sees the caller's object or a
 * prototype-reaching key, and never recurses without bound.
 */
function safeCopy(value: unknown, path: string, depth: number, violations: Violation[]): unknown {
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (depth > MAX_DEPTH) {
    violations.push(violation(path, 'too-deep'));
    return null;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => safeCopy(item, `${path}.${index}`, depth + 1, violations));
  }
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key)) {
      violations.push(violation(`${path}.${key}`, 'unknown-field'));
    } else {
      copy[key] = safeCopy(item, `${path}.${key}`, depth + 1, violations);
    }
  }
  return copy;
}

/**
 * Whether `value` is anything but plain JSON-shaped data that `safeCopy` would hand over unchanged:
 * a forbidden key, nesting past MAX_DEPTH, a hole in an array, or a value JSON cannot carry (a
 * class instance, a function, ...). Only such input goes the slow, careful way. Reads, never copies.
 */
function needsCarefulCopy(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint';
  }
  if (depth > MAX_DEPTH) {
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value)) {
    if (proto !== Array.prototype) {
      return true;
    }
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || needsCarefulCopy(value[i], depth + 1)) {
        return true;
      }
    }
    return false;
  }
  if (proto !== Object.prototype && proto !== null) {
    return true;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || needsCarefulCopy((value as Record<string, unknown>)[key], depth + 1)) {
      return true;
    }
  }
  return false;
}

/** Rules whose failure makes the other rules on the same field noise. */
const isGateRule = (rule: string): boolean =>
  rule.startsWith('required') || rule === 'object' || rule === 'array';

/** class-validator's names for the rules the message rules call `unknown-field` and `object`. */
function ruleName(constraint: string): string {
  switch (constraint) {
    case 'whitelistValidation':
      return 'unknown-field';
    case 'nestedValidation':
      return 'object';
    default:
      return constraint;
  }
}

/** One rule a value breaks, at `path`; `text` is class-validator's own message, when it has one. */
export interface BrokenRule {
  path: string;
  property: string;
  rule: string;
  text: string | undefined;
}

/**
 * class-validator's error tree as a flat list of broken rules. A field that is missing (or not an
 * object where one is needed) reports only that, not every rule its absence also breaks, and its
 * children are not visited. `join` spells a child's path (`a.b`, `a[0]`).
 */
export function brokenRules(
  errors: ValidationError[],
  prefix: string,
  join: (prefix: string, property: string) => string,
): BrokenRule[] {
  const out: BrokenRule[] = [];
  for (const error of errors) {
    const path = join(prefix, error.property);
    const constraints = Object.entries(error.constraints ?? {}).map(([name, text]) => ({
      rule: ruleName(name),
      text,
    }));
    const missing = constraints.filter((c) => c.rule.startsWith('required'));
    const gates = missing.length > 0 ? missing : constraints.filter((c) => isGateRule(c.rule));
    for (const { rule, text } of gates.length > 0 ? gates : constraints) {
      out.push({ path, property: error.property, rule, text });
    }
    if (gates.length === 0 && error.children && error.children.length > 0) {
      out.push(...brokenRules(error.children, path, join));
    }
  }
  return out;
}

/**
 * Validates a plain object against a DTO class; unknown fields are violations at every level.
 * Plain JSON data goes through the DTO's compiled validator (compiled-validator.ts); anything
 * hostile or unusual through class-transformer and class-validator, as before. Both give the same
 * violations (compiled-validator.property.spec.ts).
 */
export function validateAgainst(cls: DtoClass, value: unknown, path: string): Violation[] {
  if (!isPlainObject(value)) {
    return [violation(path, 'object')];
  }
  const compiled = compiledValidator(cls);
  if (compiled && !needsCarefulCopy(value, 1)) {
    return compiled(value, path);
  }
  return validateWithClassValidator(cls, value, path);
}

/** The careful way: a safe copy, class-transformer and class-validator (and the reference for the compiled validators). */
export function validateWithClassValidator(cls: DtoClass, value: unknown, path: string): Violation[] {
  if (!isPlainObject(value)) {
    return [violation(path, 'object')];
  }
  const violations: Violation[] = [];
  const copy = safeCopy(value, path, 1, violations) as Record<string, unknown>;
  const instance = plainToInstance(cls, copy);
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  violations.push(
    ...brokenRules(errors, path, (parent, property) => `${parent}.${property}`).map((broken) =>
      violation(broken.path, broken.rule),
    ),
  );
  return violations;
}
