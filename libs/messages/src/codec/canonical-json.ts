/**
 * RFC 8785 JSON Canonicalization Scheme: object keys sorted by UTF-16 code units, ECMAScript number
 * serialisation, no whitespace. Signatures are computed over this text, so it must be exact.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serialiseString(value: string): string {
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError('canonicalJson: strings must be well-formed Unicode (I-JSON)');
  }
  // JSON.stringify escapes exactly as JCS requires: \b \f \n \r \t \" \\ and \u00xx (lowercase hex).
  return JSON.stringify(value);
}

function serialiseNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new TypeError('canonicalJson: NaN and Infinity have no JSON form');
  }
  // Number#toString is the ECMAScript serialisation JCS prescribes; -0 becomes "0".
  return Object.is(value, -0) ? '0' : String(value);
}

export function canonicalJson(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return serialiseNumber(value);
    case 'string':
      return serialiseString(value);
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) {
    throw new TypeError('canonicalJson: only plain objects and arrays are serialised');
  }
  const record = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, as JCS requires. Undefined members are left out, as in JSON.
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${serialiseString(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}
