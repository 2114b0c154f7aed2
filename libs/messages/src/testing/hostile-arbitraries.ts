import fc from 'fast-check';

/** fast-check arbitraries for HOSTILE input: what an attacker would feed the decoder. */

/** Names an attacker would try, plus names the decoder knows. */
export const hostileNameArb: fc.Arbitrary<string> = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'header',
  'body',
  'signature',
  'messageId',
  'debtor',
  'bsn',
  'x',
);

const hostileTextArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\uFEFF',
      '\uD800',
      ']]>',
      '<!--',
      '&amp;',
      '&#0;',
      '&x;',
    ),
    weight: 3,
  },
  { arbitrary: fc.nat({ max: 300 * 1024 }).map((n) => 'x'.repeat(n)), weight: 1 },
);

/** JSON text with NUL (raw and escaped), prototype names, deep nesting and huge strings. */
export const hostileJsonArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        hostileTextArb,
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc
          .array(fc.tuple(fc.oneof(hostileNameArb, fc.string({ maxLength: 5 })), tie('node')), {
            maxLength: 4,
          })
          .map((entries) => {
            const out: Record<string, unknown> = {};
            for (const [key, value] of entries) {
              Object.defineProperty(out, key, {
                value,
                enumerable: true,
                writable: true,
                configurable: true,
              });
            }
            return out;
          }),
      ),
    }))
    .node.map((node) => JSON.stringify({ header: node, body: node, signature: 'a..b' })),
  fc.nat({ max: 200_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.nat({ max: 60_000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `{"header":${JSON.stringify(s)}}`),
  fc.constantFrom('{"header":{"a":"\u0000"}}', '{"__proto__":{"header":1}}', '{"header":{"constructor":{}}}'),
);

/** XML text: elements with hostile names, NUL inside comments and text, deep nesting, huge text. */
export const hostileXmlArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .letrec<{ element: string }>((tie) => ({
      element: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.tuple(hostileNameArb, hostileTextArb).map(([name, text]) => `<${name}>${text}</${name}>`),
        fc
          .tuple(hostileNameArb, fc.array(tie('element'), { maxLength: 3 }))
          .map(([name, children]) => `<${name}>${children.join('')}</${name}>`),
        hostileTextArb.map((text) => `<!--${text.replace(/--/g, '')}-->`),
      ),
    }))
    .element.map((inner) => `<Bericht xmlns="urn:nl:schuldenknooppunt:berichten:1">${inner}</Bericht>`),
  fc.nat({ max: 40_000 }).map((n) => '<a>'.repeat(n) + '</a>'.repeat(n)),
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
