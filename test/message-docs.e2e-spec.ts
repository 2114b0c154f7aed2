import { decode, MESSAGE_TYPES, SkpMessage } from '@skp/messages';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  normaliseSignatures,
  renderMessageDocs,
  SIGNATURE_PLACEHOLDER,
} from '../scripts/generate-message-docs';

/** docs/messages.md is generated; it must match the generator and its examples must be real messages. */

const DOC_PATH = resolve(__dirname, '..', 'docs', 'messages.md');

interface DocExample {
  type: string;
  json: string;
  xml: string;
}

/** The JSON and XML example blocks under each `## <type>` heading. */
function examplesOf(markdown: string): DocExample[] {
  const sections = markdown.split(/^## /m).slice(1);
  return sections.flatMap((section) => {
    const type = section.slice(0, section.indexOf('\n')).trim();
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    const xml = /```xml\n([\s\S]*?)\n```/.exec(section)?.[1];
    return json !== undefined || xml !== undefined ? [{ type, json: json ?? '', xml: xml ?? '' }] : [];
  });
}

describe('message catalogue (docs/messages.md)', () => {
  const committed = readFileSync(DOC_PATH, 'utf8');

  it('is up to date with scripts/generate-message-docs.ts (signatures aside)', () => {
    const fresh = renderMessageDocs();
    expect(fresh).toContain('"signature": "eyJ');
    // the placeholder must actually replace something, or the comparison proves nothing about signatures
    expect(normaliseSignatures(fresh)).toContain(SIGNATURE_PLACEHOLDER);
    expect(normaliseSignatures(committed)).toEqual(normaliseSignatures(fresh));
  });

  it('has one JSON and one XML example per message type, in catalogue order', () => {
    expect(examplesOf(committed).map((e) => e.type)).toEqual([...MESSAGE_TYPES]);
  });

  it.each(examplesOf(committed).map((e) => [e.type, e] as const))(
    'the %s example decodes from JSON, and its XML twin decodes to the same message',
    (type, example) => {
      const fromJson: SkpMessage = decode(example.json, 'json');
      expect(fromJson.header.type).toBe(type);
      expect(fromJson.signature).toMatch(/^eyJ[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
      expect(decode(example.xml, 'xml')).toEqual(fromJson);
    },
  );
});
