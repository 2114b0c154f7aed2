import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { violation, Violation } from './violation';

/** Keys that could reach an object's prototype; never handed to class-transformer. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
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

/** Validates a plain object against a DTO class; unknown fields are violations at every level. */
export function validateAgainst(cls: new () => object, value: unknown, path: string): Violation[] {
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
