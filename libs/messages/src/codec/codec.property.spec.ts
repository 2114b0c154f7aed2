import fc from 'fast-check';
import { validMessageArb } from '../testing';
import { validateMessage } from '../protocol/validate-message';
import { decode, encode } from './codec';
import { MessageDecodeError } from './decode-error';

describe('codec properties', () => {
  it('generated messages are valid', () => {
    fc.assert(
      fc.property(validMessageArb, (message) => {
        expect(validateMessage(message)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['json', 'xml'] as const)('decode(encode(m, %s)) deep-equals m for every type', (encoding) => {
    fc.assert(
      fc.property(validMessageArb, (message) => {
        expect(decode(encode(message, encoding), encoding)).toStrictEqual(message);
        expect(decode(Buffer.from(encode(message, encoding), 'utf8'), encoding)).toStrictEqual(message);
      }),
      { numRuns: 300 },
    );
  });

  it('XML → JSON → XML is lossless', () => {
    fc.assert(
      fc.property(validMessageArb, (message) => {
        const xml = encode(message, 'xml');
        const viaJson = decode(encode(decode(xml, 'xml'), 'json'), 'json');
        expect(encode(viaJson, 'xml')).toBe(xml);
      }),
      { numRuns: 200 },
    );
  });

  const onlyDecodeErrors = (input: Buffer | string, encoding: 'json' | 'xml'): void => {
    try {
      decode(input, encoding);
    } catch (error) {
      expect(error).toBeInstanceOf(MessageDecodeError);
    }
  };

  it.each(['json', 'xml'] as const)(
    'decode(%s) throws nothing but MessageDecodeError on arbitrary input',
    (encoding) => {
      const inputs = fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.json(),
        fc.object().map((o) => JSON.stringify(o) ?? ''),
        fc
          .object({
            withNullPrototype: true,
            key: fc.constantFrom('header', 'body', 'signature', '__proto__', 'constructor', 'type', 'bsn'),
          })
          .map((o) => JSON.stringify(o)),
      );
      fc.assert(
        fc.property(inputs, (input) => onlyDecodeErrors(input, encoding)),
        { numRuns: 500 },
      );
    },
  );

  it('decode throws nothing but MessageDecodeError on mutated valid messages', () => {
    const mutated = fc
      .tuple(
        validMessageArb,
        fc.constantFrom('json' as const, 'xml' as const),
        fc.nat(),
        fc.string({ maxLength: 3 }),
      )
      .map(([message, encoding, at, insert]) => {
        const text = encode(message, encoding);
        const i = at % (text.length + 1);
        return { text: text.slice(0, i) + insert + text.slice(i + insert.length), encoding };
      });
    fc.assert(
      fc.property(mutated, ({ text, encoding }) => onlyDecodeErrors(text, encoding)),
      { numRuns: 300 },
    );
  });
});
