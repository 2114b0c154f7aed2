import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import { DtoClass, nestedTypeOf } from './nested-type';
import { violation, Violation } from './violation';

/**
 * The message DTOs' rules, read ONCE per class from class-validator's metadata storage and turned
 * into a plain function over the plain object: no class-transformer copy, no instances, no metadata
 * lookups per message. It reproduces what `validateSync` (whitelist, forbidNonWhitelisted) plus
 * `brokenRules` report for the same object: the same paths, rule names and order. The caller only
 * hands it JSON-shaped data with nothing for `safeCopy` to remove (validate-object.ts checks that).
 */

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>[number];
type Condition = (object: object, value: unknown) => boolean;

interface CompiledCheck {
  /** class-validator's constraint name: the key in `ValidationError.constraints` */
  key: string;
  each: boolean;
  when: Condition | undefined;
  validate: (value: unknown, args: ValidationArguments) => unknown;
  constraints: unknown[];
}

interface CompiledField {
  name: string;
  /** ValidateIf: the field is skipped unless every condition holds */
  conditions: Condition[];
  checks: CompiledCheck[];
  /** ValidateNested with the class from @Type (Nested, NestedList) */
  nested: DtoClass | undefined;
}

interface CompiledClass {
  name: string;
  known: ReadonlySet<string>;
  fields: CompiledField[];
}

/** A compiled DTO class: the violations of `object` (a plain object) at `path`. */
export type CompiledValidator = (object: Record<string, unknown>, path: string) => Violation[];

const compiled = new Map<DtoClass, CompiledClass | null>();

/** Rules whose failure makes the other rules on the same field noise (as in `brokenRules`). */
const isGateRule = (rule: string): boolean =>
  rule.startsWith('required') || rule === 'object' || rule === 'array';

const ruleName = (key: string): string =>
  key === 'whitelistValidation' ? 'unknown-field' : key === 'nestedValidation' ? 'object' : key;

const isPromise = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';

/** Methods on a DTO's prototype would make class-transformer drop a field of that name: not compiled. */
function hasOwnMethods(cls: DtoClass): boolean {
  for (
    let proto = cls.prototype as object;
    proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) {
      return true;
    }
  }
  return false;
}

function compileChecks(storage: Storage, metadata: Metadata): CompiledCheck[] {
  return storage
    .getTargetValidatorConstraints(metadata.constraintCls)
    .filter((constraint) => !constraint.async) // validateSync ignores asynchronous constraints
    .map((constraint) => {
      const instance = constraint.instance;
      return {
        key: constraint.name ? constraint.name : metadata.type,
        each: metadata.each,
        when: metadata.validateIf,
        validate: (value: unknown, args: ValidationArguments) => instance.validate(value, args),
        constraints: metadata.constraints,
      };
    });
}

/** One property's metadata as a compiled field; null when it uses something this compiler does not do. */
function compileField(
  storage: Storage,
  cls: DtoClass,
  name: string,
  metadatas: Metadata[],
): CompiledField | null {
  const field: CompiledField = { name, conditions: [], checks: [], nested: undefined };
  const defined: CompiledCheck[] = [];
  let nestedCount = 0;
  for (const metadata of metadatas) {
    switch (metadata.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        field.conditions.push(metadata.constraints[0] as Condition);
        break;
      case ValidationTypes.IS_DEFINED:
        defined.push(...compileChecks(storage, metadata));
        break;
      case ValidationTypes.CUSTOM_VALIDATION:
        field.checks.push(...compileChecks(storage, metadata));
        break;
      case ValidationTypes.NESTED_VALIDATION:
        nestedCount += 1;
        break;
      case ValidationTypes.WHITELIST:
        break;
      default:
        return null; // promise validation and anything newer: class-validator itself runs
    }
  }
  field.checks = [...defined, ...field.checks]; // the executor runs IsDefined first
  if (nestedCount > 1) {
    return null;
  }
  if (nestedCount === 1) {
    field.nested = nestedTypeOf(cls, name);
    if (!field.nested) {
      return null; // ValidateNested without a class registered by Nested/NestedList
    }
  }
  return field;
}

function compileClass(cls: DtoClass): CompiledClass | null {
  const storage = getMetadataStorage();
  // The same call, with the same options, as class-validator's executor makes for validateSync.
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  const grouped = storage.groupByPropertyName(metadatas);
  if (hasOwnMethods(cls)) {
    return null;
  }
  const fields: CompiledField[] = [];
  for (const [name, own] of Object.entries(grouped)) {
    const field = name in Object.prototype ? null : compileField(storage, cls, name, own);
    if (!field) {
      return null;
    }
    fields.push(field);
  }
  return { name: cls.name, known: new Set(Object.keys(grouped)), fields };
}

function compiledClass(cls: DtoClass): CompiledClass | null {
  let found = compiled.get(cls);
  if (found === undefined) {
    found = compileClass(cls);
    compiled.set(cls, found);
  }
  return found;
}

function passes(check: CompiledCheck, value: unknown, args: ValidationArguments): boolean {
  if (check.each && Array.isArray(value)) {
    const results = value.map((item) => check.validate(item, args));
    return results.some(isPromise) || results.every(Boolean);
  }
  const result = check.validate(value, args);
  return isPromise(result) || Boolean(result);
}

/** Array items of a nested field: objects against `cls`, arrays item by item, anything else `object`. */
function validateItems(items: unknown[], cls: CompiledClass, path: string, out: Violation[]): void {
  items.forEach((item, index) => {
    const itemPath = `${path}.${index}`;
    if (Array.isArray(item)) {
      validateItems(item, cls, itemPath, out);
    } else if (typeof item === 'object' && item !== null) {
      validateObject(cls, item as Record<string, unknown>, itemPath, out);
    } else if (item !== undefined) {
      out.push(violation(itemPath, 'object'));
    }
  });
}

function validateField(
  field: CompiledField,
  object: Record<string, unknown>,
  args: ValidationArguments,
  path: string,
  out: Violation[],
): void {
  const value = object[field.name];
  for (const condition of field.conditions) {
    if (!condition(object, value)) {
      return;
    }
  }
  args.property = field.name;
  args.value = value;
  const failed: string[] = [];
  for (const check of field.checks) {
    if (check.when && !check.when(object, value)) {
      continue;
    }
    args.constraints = check.constraints;
    if (!passes(check, value, args) && !failed.includes(check.key)) {
      failed.push(check.key);
    }
  }
  const isObject = typeof value === 'object' && value !== null;
  if (field.nested && value !== undefined && !isObject && !failed.includes('nestedValidation')) {
    failed.push('nestedValidation');
  }
  if (failed.length === 0 && !(field.nested && isObject)) {
    return;
  }
  const fieldPath = `${path}.${field.name}`;
  if (failed.length > 0) {
    const rules = failed.map(ruleName);
    const missing = rules.filter((rule) => rule.startsWith('required'));
    const gates = missing.length > 0 ? missing : rules.filter(isGateRule);
    for (const rule of gates.length > 0 ? gates : rules) {
      out.push(violation(fieldPath, rule));
    }
    if (gates.length > 0) {
      return; // a missing field or a wrong shape: its children say nothing more
    }
  }
  if (field.nested && isObject) {
    const nested = compiledClass(field.nested)!;
    if (Array.isArray(value)) {
      validateItems(value, nested, fieldPath, out);
    } else {
      validateObject(nested, value as Record<string, unknown>, fieldPath, out);
    }
  }
}

function validateObject(
  cls: CompiledClass,
  object: Record<string, unknown>,
  path: string,
  out: Violation[],
): void {
  for (const key of Object.keys(object)) {
    if (!cls.known.has(key)) {
      out.push(violation(`${path}.${key}`, 'unknown-field'));
    }
  }
  const args: ValidationArguments = {
    targetName: cls.name,
    property: '',
    object,
    value: undefined,
    constraints: [],
  };
  for (const field of cls.fields) {
    validateField(field, object, args, path, out);
  }
}

/** True when `cls` and every class nested in it compile; then `compiledValidator` can be used. */
function compilesFully(cls: DtoClass, seen = new Set<DtoClass>()): boolean {
  if (seen.has(cls)) {
    return true;
  }
  seen.add(cls);
  const found = compiledClass(cls);
  return found !== null && found.fields.every((field) => !field.nested || compilesFully(field.nested, seen));
}

const validators = new Map<DtoClass, CompiledValidator | null>();

/** The compiled validator of `cls`, made once; null when the class uses rules this compiler does not do. */
export function compiledValidator(cls: DtoClass): CompiledValidator | null {
  let validator = validators.get(cls);
  if (validator === undefined) {
    validator = compilesFully(cls)
      ? (object, path) => {
          const out: Violation[] = [];
          validateObject(compiledClass(cls)!, object, path, out);
          return out;
        }
      : null;
    validators.set(cls, validator);
  }
  return validator;
}
