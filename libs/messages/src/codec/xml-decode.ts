import { Parser } from 'xml2js';
import { MESSAGE_TYPES, MessageType, XML_NAMESPACE } from '../types';
import { violation, Violation } from '../validation/violation';
import { MessageDecodeError } from './decode-error';
import { FORBIDDEN_NAMES, MAX_NESTING, scanStructure } from './structure';
import { BODY_FIELDS, BODY_XSD_TYPE, HEADER_FIELDS, XML_ROOT, XmlField } from './xml-model';

type XmlNode = string | { [key: string]: unknown };

const malformed = (rule: string): MessageDecodeError =>
  new MessageDecodeError('MALFORMED', [violation('', rule)]);

/**
 * An element this deep means the document is nested deeper than MAX_NESTING allows (its parent
 * has a child, so it is an object at a level past the limit). The parser stops there, instead of
 * building a tree of 10,000 levels only to refuse it afterwards; shallower documents are checked
 * exactly by scanStructure after parsing.
 */
const STOP_DEPTH = MAX_NESTING + 2;

/** The part of xml2js's sax parser the depth guard wraps (not in xml2js's type declarations). */
interface SaxHandlers {
  onopentag: (node: unknown) => void;
  onclosetag: (name: string) => void;
}

class TooDeep extends Error {}

/** Counts open elements while xml2js parses, and stops the parse at STOP_DEPTH. */
function guardDepth(parser: Parser): { reached: boolean } {
  const sax = (parser as unknown as { saxParser: SaxHandlers }).saxParser;
  const { onopentag, onclosetag } = sax;
  const state = { reached: false };
  let depth = 0;
  sax.onopentag = (node) => {
    depth += 1;
    if (depth >= STOP_DEPTH) {
      state.reached = true;
      throw new TooDeep();
    }
    onopentag(node);
  };
  sax.onclosetag = (name) => {
    depth -= 1;
    onclosetag(name);
  };
  return state;
}

/** Parses with xml2js synchronously (its callback runs before parseString returns when async is off). */
function parseXmlDocument(text: string): Record<string, unknown> {
  // No DTDs at all: closes the door on XXE and entity expansion before the parser sees the text.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw malformed('xml-doctype');
  }
  let result: unknown;
  let failed = false;
  let syntaxErrorFirst = false;
  const parser = new Parser({
    explicitArray: true,
    explicitRoot: true,
    trim: false,
    normalize: false,
    async: false,
  });
  const depth = guardDepth(parser);
  try {
    parser.parseString(text, (error: Error | null, parsed: unknown) => {
      failed = failed || error !== null;
      syntaxErrorFirst = syntaxErrorFirst || (error !== null && !depth.reached);
      result = parsed;
    });
  } catch {
    failed = true;
  }
  // Too deep before anything else was wrong: the same refusal scanStructure gives a whole tree.
  if (depth.reached && !syntaxErrorFirst) {
    throw new MessageDecodeError('SCHEMA_INVALID', [violation('', 'nesting-limit')]);
  }
  if (failed || typeof result !== 'object' || result === null) {
    throw malformed('xml-syntax');
  }
  return result as Record<string, unknown>;
}

class XmlReader {
  readonly violations: Violation[] = [];

  /** `__proto__` and friends are reported and left out, so they never become a prototype. */
  private forbidden(name: string, path: string): boolean {
    if (!FORBIDDEN_NAMES.has(name)) {
      return false;
    }
    this.violations.push(violation(path, 'forbidden-name'));
    return true;
  }

  /** Element attributes: namespace declarations are fine; `allowed` names more; the rest is reported. */
  checkAttributes(node: XmlNode, path: string, allowed: string[] = []): void {
    if (typeof node === 'string' || node.$ === undefined) {
      return;
    }
    for (const [name, value] of Object.entries(node.$ as Record<string, string>)) {
      if (name === 'xmlns') {
        if (value !== XML_NAMESPACE) {
          this.violations.push(violation(path, 'xml-namespace'));
        }
      } else if (!name.startsWith('xmlns:') && !allowed.includes(name)) {
        this.violations.push(violation(`${path}@${name}`, 'unknown-attribute'));
      }
    }
  }

  /** Text content of a leaf, or the node unchanged (so validation rejects it) when it has children. */
  leafValue(node: XmlNode, path: string): unknown {
    if (typeof node === 'string') {
      return node;
    }
    this.checkAttributes(node, path);
    const childKeys = Object.keys(node).filter((key) => key !== '$');
    if (childKeys.length === 0) {
      return '';
    }
    if (childKeys.length === 1 && childKeys[0] === '_') {
      return node._;
    }
    return this.generic(node, path);
  }

  /** Elements the model does not know: kept as text or objects so validation names them. */
  private generic(node: XmlNode, path: string): unknown {
    if (typeof node === 'string') {
      return node;
    }
    const out: Record<string, unknown> = {};
    for (const [key, children] of Object.entries(node)) {
      if (key === '$' || key === '_') {
        continue;
      }
      if (this.forbidden(key, `${path}.${key}`)) {
        continue;
      }
      const values = (children as XmlNode[]).map((child) => this.generic(child, `${path}.${key}`));
      out[key] = values.length === 1 ? values[0] : values;
    }
    return out;
  }

  private fieldValue(field: XmlField, node: XmlNode, path: string): unknown {
    switch (field.kind) {
      case 'text':
        return this.leafValue(node, path);
      case 'int': {
        const value = this.leafValue(node, path);
        return typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value;
      }
      case 'bool': {
        const value = this.leafValue(node, path);
        return value === 'true' ? true : value === 'false' ? false : value;
      }
      case 'list':
        return this.listValue(field.item, node, path);
      case 'records':
        return this.recordList(field.item, field.fields, node, path);
      case 'record':
        return this.record(node, field.fields, path);
    }
  }

  private listValue(item: string, node: XmlNode, path: string): unknown {
    if (typeof node === 'string') {
      return node === '' ? [] : node;
    }
    this.checkAttributes(node, path);
    const extra = Object.keys(node).filter((key) => key !== '$' && key !== item);
    if (extra.length > 0) {
      return this.generic(node, path);
    }
    const items = (node[item] as XmlNode[] | undefined) ?? [];
    return items.map((child, i) => this.leafValue(child, `${path}.${i}`));
  }

  /** Repeated `item` elements, each a record of `fields`. */
  private recordList(item: string, fields: XmlField[], node: XmlNode, path: string): unknown {
    if (typeof node === 'string') {
      return node.trim() === '' ? [] : node;
    }
    this.checkAttributes(node, path);
    const extra = Object.keys(node).filter((key) => key !== '$' && key !== item);
    if (extra.length > 0) {
      return this.generic(node, path);
    }
    const items = (node[item] as XmlNode[] | undefined) ?? [];
    return items.map((child, i) => this.record(child, fields, `${path}.${i}`));
  }

  record(node: XmlNode, fields: XmlField[], path: string, allowedAttributes: string[] = []): unknown {
    if (typeof node === 'string') {
      return node.trim() === '' ? {} : node;
    }
    this.checkAttributes(node, path, allowedAttributes);
    const byName = new Map(fields.map((field) => [field.name, field]));
    const out: Record<string, unknown> = {};
    for (const [key, children] of Object.entries(node)) {
      if (key === '$') {
        continue;
      }
      if (key === '_') {
        this.violations.push(violation(path, 'unexpected-text'));
        continue;
      }
      if (this.forbidden(key, path ? `${path}.${key}` : key)) {
        continue;
      }
      const field = byName.get(key);
      const childPath = `${path}.${key}`;
      const values = (children as XmlNode[]).map((child) =>
        field ? this.fieldValue(field, child, childPath) : this.generic(child, childPath),
      );
      out[key] = values.length === 1 ? values[0] : values;
    }
    return out;
  }
}

/**
 * XML → the JSON message model. Throws MALFORMED for unreadable XML; returns the message plus
 * structural violations (wrong root, namespace, attributes) for the caller to add to validation.
 */
export function decodeXml(text: string): { message: unknown; violations: Violation[] } {
  const document = parseXmlDocument(text);
  // Elements only (xml2js wraps children in arrays): checked before the reader recurses into them.
  if (scanStructure(document, { limit: MAX_NESTING + 1, countArrays: false }).tooDeep) {
    throw new MessageDecodeError('SCHEMA_INVALID', [violation('', 'nesting-limit')]);
  }
  const reader = new XmlReader();
  const rootName = Object.keys(document)[0];
  const root = document[rootName] as XmlNode;
  if (rootName !== XML_ROOT || typeof root === 'string') {
    return { message: undefined, violations: [violation('', 'xml-root')] };
  }
  if ((root.$ as Record<string, string> | undefined)?.xmlns === undefined) {
    reader.violations.push(violation('', 'xml-namespace'));
  }
  // Children other than header, body and signature are unknown: read generically so validation names them.
  const { header: _header, body: _body, signature: _signature, ...others } = root;
  const message = reader.record(others, [], '') as Record<string, unknown>;
  const headerNode = (root.header as XmlNode[] | undefined)?.[0];
  const bodyNode = (root.body as XmlNode[] | undefined)?.[0];
  const signatureNode = (root.signature as XmlNode[] | undefined)?.[0];
  if (headerNode !== undefined && (root.header as XmlNode[]).length === 1) {
    message.header = reader.record(headerNode, HEADER_FIELDS, 'header');
  }
  const type = (message.header as Record<string, unknown> | undefined)?.type;
  if (bodyNode !== undefined && (root.body as XmlNode[]).length === 1) {
    if ((MESSAGE_TYPES as readonly unknown[]).includes(type)) {
      const messageType = type as MessageType;
      message.body = reader.record(bodyNode, BODY_FIELDS[messageType], 'body', ['xsi:type']);
      const declared =
        typeof bodyNode === 'string'
          ? undefined
          : (bodyNode.$ as Record<string, string> | undefined)?.['xsi:type'];
      if (declared !== undefined && declared.replace(/^.*:/, '') !== BODY_XSD_TYPE[messageType]) {
        reader.violations.push(violation('body', 'xsi-type-mismatch'));
      }
    } else {
      message.body = reader.record(bodyNode, [], 'body', ['xsi:type']);
    }
  }
  if (signatureNode !== undefined && (root.signature as XmlNode[]).length === 1) {
    message.signature = reader.leafValue(signatureNode, 'signature');
  }
  return { message, violations: reader.violations };
}
