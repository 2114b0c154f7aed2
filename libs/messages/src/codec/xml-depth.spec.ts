import { Parser } from 'xml2js';
import { decode } from './codec';
import { MessageDecodeError } from './decode-error';
import { MAX_NESTING, scanStructure } from './structure';

/** What the nesting rule says of a whole parsed tree (the check decodeXml made before it stopped early). */
function tooDeepAsWholeTree(xml: string): boolean {
  let tree: unknown;
  new Parser({ explicitArray: true, async: false }).parseString(xml, (_error: unknown, parsed: unknown) => {
    tree = parsed;
  });
  return scanStructure(tree, { limit: MAX_NESTING + 1, countArrays: false }).tooDeep;
}

function refusal(xml: string): string {
  try {
    decode(xml, 'xml');
  } catch (error) {
    if (error instanceof MessageDecodeError) {
      return error.violations.map((v) => v.rule).join(',');
    }
    throw error;
  }
  return 'accepted';
}

describe('XML nesting limit while parsing', () => {
  const leaves = ['', 'x', '<c/>', '<c a="1"/>', '<c>y</c>'];
  const attributes = ['', ' a="1"'];
  it.each(Array.from({ length: 8 }, (_, i) => 28 + i))(
    'refuses a document %i elements deep exactly when the whole-tree check does',
    (depth) => {
      for (const leaf of leaves) {
        for (const attribute of attributes) {
          const xml = `${`<a${attribute}>`.repeat(depth)}${leaf}${'</a>'.repeat(depth)}`;
          expect(refusal(xml) === 'nesting-limit').toBe(tooDeepAsWholeTree(xml));
        }
      }
    },
  );

  it('refuses 10,000 levels as nesting-limit, and a syntax error before the limit as xml-syntax', () => {
    expect(refusal(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`)).toBe('nesting-limit');
    expect(refusal(`<a><b></c>${'<a>'.repeat(100)}`)).toBe('xml-syntax');
  });
});
