import { parseStringPromise } from 'xml2js';
import { FieldViolation, fieldViolation } from './field-violation';

/** Namespace of the XML form of `POST /kennisgevingen` (optional on the root element). */
export const REQUEST_XML_NAMESPACE = 'urn:nl:schuldenknooppunt:gemeente:1';
export const REQUEST_XML_ROOT = 'KennisgevingVerzoek';

/** Containers of repeated elements: `<creditors><creditor>…</creditor></creditors>`. */
const LISTS: Record<string, string> = { creditors: 'creditor', invoiceNumbers: 'invoiceNumber' };
/** Elements whose text becomes a JSON number again. */
const NUMBERS = new Set(['houseNumber', 'signal']);

export type ParsedXmlRequest = { ok: true; request: unknown } | { ok: false; violations: FieldViolation[] };

type XmlNode = string | { [key: string]: XmlNode[] | Record<string, string> | string };

/**
 * The XML form of a submission: element names are the JSON field names, the root is
 * `<KennisgevingVerzoek>`, lists are `<creditors><creditor/>…` and `<invoiceNumbers><invoiceNumber/>…`,
 * `houseNumber` and `signal` become numbers. The result is validated exactly like a JSON request.
 */
export async function parseXmlRequest(text: string): Promise<ParsedXmlRequest> {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    return { ok: false, violations: [fieldViolation('', 'xml-doctype')] };
  }
  let document: Record<string, unknown>;
  try {
    document = (await parseStringPromise(text, {
      explicitArray: true,
      trim: true,
      explicitRoot: true,
    })) as Record<string, unknown>;
  } catch {
    return { ok: false, violations: [fieldViolation('', 'xml-syntax')] };
  }
  if (!document || typeof document !== 'object' || !(REQUEST_XML_ROOT in document)) {
    return { ok: false, violations: [fieldViolation('', 'xml-root')] };
  }
  const root = document[REQUEST_XML_ROOT] as XmlNode;
  const attributes = typeof root === 'object' ? (root.$ as Record<string, string> | undefined) : undefined;
  const namespace = attributes?.xmlns;
  if (namespace !== undefined && namespace !== REQUEST_XML_NAMESPACE) {
    return { ok: false, violations: [fieldViolation('', 'xml-namespace')] };
  }
  const violations: FieldViolation[] = [];
  const request = convert(root, REQUEST_XML_ROOT, '', violations);
  return violations.length > 0
    ? { ok: false, violations }
    : { ok: true, request: request === '' ? {} : request };
}

function convert(node: XmlNode, name: string, path: string, violations: FieldViolation[]): unknown {
  if (typeof node === 'string') {
    if (LISTS[name]) {
      return node === '' ? [] : node;
    }
    return NUMBERS.has(name) && /^-?\d{1,15}$/.test(node) ? Number(node) : node;
  }
  const itemName = LISTS[name];
  if (itemName) {
    const list: unknown[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (key === itemName && Array.isArray(value)) {
        value.forEach((item) => list.push(convert(item, itemName, `${path}[${list.length}]`, violations)));
      } else if (key !== '$') {
        violations.push(fieldViolation(`${path}.${key}`, 'unknown-field'));
      }
    }
    return list;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$') {
      continue; // attributes: only xmlns is meaningful, on the root
    }
    if (key === '_') {
      violations.push(fieldViolation(path, 'unexpected-text'));
      continue;
    }
    const childPath = path ? `${path}.${key}` : key;
    const values = value as XmlNode[];
    out[key] =
      values.length === 1
        ? convert(values[0], key, childPath, violations)
        : values.map((v, i) => convert(v, key, `${childPath}[${i}]`, violations));
  }
  return out;
}
