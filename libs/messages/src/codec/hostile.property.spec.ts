import fc from 'fast-check';
import { hostileJsonArb, hostileXmlArb, validMessageArb } from '../testing';
import { MAX_MESSAGE_BYTES, SkpMessage } from '../types';
import { decode, encode } from './codec';
import { MessageDecodeError } from './decode-error';

/**
 * Ends in a message or a MessageDecodeError; anything else fails the case. How long hostile input
 * takes is a benchmark's question (`npm run bench:libs`), not a timed assertion on a shared machine.
 */
function typedOutcome(input: string | Buffer, encoding: 'json' | 'xml'): SkpMessage | MessageDecodeError {
  let outcome: SkpMessage | MessageDecodeError;
  try {
    outcome = decode(input, encoding);
  } catch (error) {
    if (!(error instanceof MessageDecodeError)) {
      throw new Error(`decode threw ${(error as Error)?.name}: ${(error as Error)?.message}`);
    }
    outcome = error;
  }
  return outcome;
}

const hasHostileShape = (text: string): boolean =>
  text.includes('\u0000') || /__proto__|constructor|prototype/.test(text);

describe('decode on hostile input (property-based)', () => {
  it('JSON: every case ends in a typed result; hostile shapes are never a message', () => {
    fc.assert(
      fc.property(hostileJsonArb, (text) => {
        const outcome = typedOutcome(text, 'json');
        if (hasHostileShape(text) || Buffer.byteLength(text) > MAX_MESSAGE_BYTES) {
          expect(outcome).toBeInstanceOf(MessageDecodeError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('XML: every case ends in a typed result; hostile shapes are never a message', () => {
    fc.assert(
      fc.property(hostileXmlArb, (text) => {
        const outcome = typedOutcome(text, 'xml');
        if (hasHostileShape(text)) {
          expect(outcome).toBeInstanceOf(MessageDecodeError);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('random bytes end in a typed result in either encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.constantFrom('json', 'xml'), (bytes, encoding) => {
        typedOutcome(Buffer.from(bytes), encoding);
      }),
      { numRuns: 300 },
    );
  });

  it('a valid XML message with a NUL comment or a prototype-named element is SCHEMA_INVALID, with its header still readable', () => {
    const injection = fc.constantFrom(
      '<!-- a\u0000b -->',
      '<__proto__>x</__proto__>',
      '<constructor><a>1</a></constructor>',
      '<prototype/>',
    );
    fc.assert(
      fc.property(
        validMessageArb,
        injection,
        fc.constantFrom('<header>', '<body', '</body>'),
        (m, inject, at) => {
          const xml = encode(m, 'xml');
          const i =
            xml.indexOf(at) +
            (at === '</body>' ? 0 : at === '<body' ? xml.slice(xml.indexOf(at)).indexOf('>') + 1 : at.length);
          const outcome = typedOutcome(xml.slice(0, i) + inject + xml.slice(i), 'xml');
          expect(outcome).toBeInstanceOf(MessageDecodeError);
          const error = outcome as MessageDecodeError;
          expect(error.code).toBe('SCHEMA_INVALID');
          expect(error.violations.map((v) => v.rule)).toEqual(
            expect.arrayContaining([inject.includes('\u0000') ? 'nul-byte' : 'forbidden-name']),
          );
          // what was signed ({header, body}) is still there for a signature check
          expect((error.parsed as SkpMessage).header).toStrictEqual(m.header);
          expect((error.parsed as SkpMessage).body).toStrictEqual(m.body);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('nesting deeper than 32 levels is SCHEMA_INVALID, in JSON and XML, without a parsed document', () => {
    const json = decodeErrorOf(`{"header":${'['.repeat(40)}${']'.repeat(40)}}`, 'json');
    expect(json.code).toBe('SCHEMA_INVALID');
    expect(json.violations.map((v) => v.rule)).toEqual(['nesting-limit']);
    expect(json.parsed).toBeUndefined();
    const xml = decodeErrorOf(
      `<Bericht xmlns="urn:nl:schuldenknooppunt:berichten:1"><header>${'<a>'.repeat(40)}${'</a>'.repeat(40)}</header></Bericht>`,
      'xml',
    );
    expect(xml.code).toBe('SCHEMA_INVALID');
    expect(xml.violations.map((v) => v.rule)).toEqual(['nesting-limit']);
  });

  it('a violation path never carries control characters from a sender-chosen name', () => {
    const error = decodeErrorOf('{"header":{"a\\u0000\\u001b":1},"body":{},"signature":"a..b"}', 'json');
    for (const v of error.violations) {
      expect(v.message).not.toMatch(/[\u0000-\u001f]/);
    }
  });
});

function decodeErrorOf(input: string, encoding: 'json' | 'xml'): MessageDecodeError {
  const outcome = typedOutcome(input, encoding);
  expect(outcome).toBeInstanceOf(MessageDecodeError);
  return outcome as MessageDecodeError;
}
