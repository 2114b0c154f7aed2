import { MESSAGE_TYPES, MessageType, XML_NAMESPACE } from '../types';
import { BODY_FIELDS, BODY_XSD_TYPE, HEADER_FIELDS, XML_ROOT, XmlField, XSI_NAMESPACE } from './xml-model';

/** `\r` is escaped because XML parsers turn a literal CR into LF; it must survive the round trip. */
function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function leaf(name: string, value: unknown, path: string): string {
  if (typeof value === 'string') {
    return `<${name}>${escapeText(value)}</${name}>`;
  }
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
    return `<${name}>${String(value)}</${name}>`;
  }
  throw new TypeError(`encode: ${path} has no XML form`);
}

function encodeField(field: XmlField, value: unknown, path: string, indent: string): string {
  switch (field.kind) {
    case 'text':
    case 'int':
    case 'bool':
      return indent + leaf(field.name, value, path);
    case 'list': {
      if (!Array.isArray(value)) {
        throw new TypeError(`encode: ${path} must be an array`);
      }
      if (value.length === 0) {
        return `${indent}<${field.name}/>`;
      }
      const items = value.map((item, i) => `${indent}  ${leaf(field.item, item, `${path}.${i}`)}`);
      return [`${indent}<${field.name}>`, ...items, `${indent}</${field.name}>`].join('\n');
    }
    case 'records': {
      if (!Array.isArray(value)) {
        throw new TypeError(`encode: ${path} must be an array`);
      }
      if (value.length === 0) {
        return `${indent}<${field.name}/>`;
      }
      const items = value.map((item, i) =>
        encodeRecord(field.item, '', field.fields, item, `${path}.${i}`, `${indent}  `),
      );
      return [`${indent}<${field.name}>`, ...items, `${indent}</${field.name}>`].join('\n');
    }
    case 'record':
      return encodeRecord(field.name, '', field.fields, value, path, indent);
  }
}

function encodeRecord(
  name: string,
  attributes: string,
  fields: XmlField[],
  value: unknown,
  path: string,
  indent: string,
): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`encode: ${path} must be an object`);
  }
  const record = value as Record<string, unknown>;
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(record).find((key) => !known.has(key) && record[key] !== undefined);
  if (unknown !== undefined) {
    throw new TypeError(`encode: ${path}.${unknown} has no XML form`);
  }
  const children = fields
    .filter((field) => record[field.name] !== undefined)
    .map((field) => encodeField(field, record[field.name], `${path}.${field.name}`, `${indent}  `));
  return [`${indent}<${name}${attributes}>`, ...children, `${indent}</${name}>`].join('\n');
}

/** Encodes `{header, body, signature?}` as `<Bericht xmlns="urn:nl:schuldenknooppunt:berichten:1">`. */
export function encodeXml(message: { header: { type: string }; body: unknown; signature?: string }): string {
  const type = message.header.type;
  if (!(MESSAGE_TYPES as readonly string[]).includes(type)) {
    throw new TypeError('encode: header.type is not a known message type');
  }
  const messageType = type as MessageType;
  const bodyAttributes = ` xmlns:xsi="${XSI_NAMESPACE}" xsi:type="${BODY_XSD_TYPE[messageType]}"`;
  const parts = [
    encodeRecord('header', '', HEADER_FIELDS, message.header, 'header', '  '),
    encodeRecord('body', bodyAttributes, BODY_FIELDS[messageType], message.body, 'body', '  '),
  ];
  if (message.signature !== undefined) {
    parts.push(`  ${leaf('signature', message.signature, 'signature')}`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${XML_ROOT} xmlns="${XML_NAMESPACE}">`,
    ...parts,
    `</${XML_ROOT}>`,
    '',
  ].join('\n');
}
