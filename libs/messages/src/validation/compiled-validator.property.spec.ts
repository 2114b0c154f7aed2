import fc from 'fast-check';
import { PROTOCOL } from '../protocol/protocol';
import { validMessageArb } from '../testing';
import { MESSAGE_TYPES } from '../types';
import { compiledValidator } from './compiled-validator';
import { HeaderDto } from './header.dto';
import { AddressDto, DebtorDto } from './kennisgeving.dto';
import type { DtoClass } from './nested-type';
import { validateAgainst, validateWithClassValidator } from './validate-object';

/**
 * The compiled validators must say exactly what class-transformer + class-validator say: the same
 * violations (path, rule, message) in the same order, for valid messages of every type and for
 * messages broken in every way we could think of.
 */

type Json = Record<string, unknown>;
type Step = string | number;

const BODY_CLASSES: DtoClass[] = MESSAGE_TYPES.map((type) => PROTOCOL[type].body);
const ALL_CLASSES: DtoClass[] = [HeaderDto, ...BODY_CLASSES];

/** Values a sender could put anywhere: wrong types, blanks, bad formats, wrong shapes, other fields' values. */
const oddValueArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    0,
    -1,
    1.5,
    2 ** 53,
    Number.NaN,
    '',
    '   ',
    'x\ny',
    'tab\there',
    '\u0001',
    '\uD800',
    'no-email@',
    'a@b',
    'jan@example.org',
    '2025-02-30',
    '2025-13-01',
    '2026-01-01',
    '2099-12-31',
    '2025-01-01T00:00:00Z',
    '111222333',
    '123456789',
    '1234AB',
    '0344',
    '45.67',
    '101.00',
    'true',
    true,
    false,
    [],
    [1],
    ['a', 'b'],
    ['a', 3],
    [null],
    [[{}], 'q', null],
    [{}, { reference: 'F-1' }],
    {},
    { a: 1 },
    { street: 'X', houseNumber: 1, postcode: '1234AB', city: 'Y' },
    'PAUSED',
    'DECLINED',
    'REJECTED',
    'ACCEPTED',
    'PAUSE_EXTENDED',
    'PAUSE_ENDED',
    'PUBLIC',
    'PRIVATE',
    'x'.repeat(201),
    [[[[[[[[[[1]]]]]]]]]],
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.emailAddress(),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Extra keys: unknown names, numeric names, and Object.prototype's own names. */
const keyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('extra', '5', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'bsn', 'type', 'note'),
  fc.string({ minLength: 1, maxLength: 6 }),
);

/** Every path to a value inside `root` (object keys and array indices), parents before children. */
function pathsOf(node: unknown, prefix: Step[] = [], out: Step[][] = []): Step[][] {
  if (typeof node === 'object' && node !== null) {
    for (const [key, child] of Object.entries(node)) {
      const path = [...prefix, Array.isArray(node) ? Number(key) : key];
      out.push(path);
      pathsOf(child, path, out);
    }
  }
  return out;
}

function depthOf(node: unknown): number {
  return typeof node === 'object' && node !== null ? 1 + Math.max(0, ...Object.values(node).map(depthOf)) : 0;
}

const mutationArb = fc.record({
  kind: fc.constantFrom('remove', 'replace', 'replace', 'wrap', 'add', 'add-proto'),
  /** aim at a nested object or list (where the shape rules and their children are) */
  structural: fc.boolean(),
  at: fc.nat(),
  value: oddValueArb,
  key: keyArb,
});
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

const isNode = (value: unknown): boolean => typeof value === 'object' && value !== null;

/** A deep copy made in this realm (structuredClone's objects have another realm's prototypes under jest). */
function clone<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(clone) as T;
  }
  if (isNode(value)) {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, clone(v)])) as T;
  }
  return value;
}

/** A copy of `root` with one mutation applied at one of its paths (or at the top). */
function mutate(root: Json, { kind, structural, at, value, key }: Mutation): Json {
  const copy = clone(root);
  const valueAt = (path: Step[]): any => path.reduce<any>((node, step) => node[step], copy);
  const all: Step[][] = [[], ...pathsOf(copy)];
  const nodes = all.filter((path) => isNode(valueAt(path)));
  const paths = structural ? nodes : all;
  const path = paths[at % paths.length];
  const parent = valueAt(path.slice(0, -1));
  const target = valueAt(path);
  const last = path[path.length - 1];
  if (kind === 'add' || kind === 'add-proto') {
    if (isNode(target) && !Array.isArray(target)) {
      if (kind === 'add-proto') {
        // as JSON.parse makes it: an own `__proto__` key
        Object.assign(target, JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}'));
      } else {
        target[key] = value;
      }
    }
  } else if (path.length > 0) {
    if (kind === 'remove' && !Array.isArray(parent)) {
      delete parent[last];
    } else if (kind === 'wrap') {
      // a list where one thing belongs (or a list in a list), with odd company
      parent[last] = [target, value, [target]];
    } else {
      parent[last] = value;
    }
  }
  return copy;
}

const brokenPartArb = fc
  .tuple(validMessageArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
  .map(([message, mutations]) => ({
    type: message.header.type,
    header: mutations.reduce(mutate, message.header as unknown as Json),
    body: mutations.reduce(mutate, message.body as unknown as Json),
  }));

const reference = (cls: DtoClass, value: unknown, path: string) =>
  validateWithClassValidator(cls, value, path);

describe('compiled validators', () => {
  it('compile for the header and every body type', () => {
    for (const cls of ALL_CLASSES) {
      expect(compiledValidator(cls)).not.toBeNull();
    }
  });

  it('accept every valid message, as class-validator does', () => {
    fc.assert(
      fc.property(validMessageArb, (message) => {
        const body = PROTOCOL[message.header.type].body;
        expect(compiledValidator(HeaderDto)!(message.header as unknown as Json, 'header')).toEqual([]);
        expect(compiledValidator(body)!(message.body as unknown as Json, 'body')).toEqual([]);
        expect(reference(body, message.body, 'body')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('report what class-validator reports for broken headers and bodies, in the same order', () => {
    fc.assert(
      fc.property(brokenPartArb, ({ type, header, body }) => {
        const cls = PROTOCOL[type].body;
        expect(validateAgainst(HeaderDto, header, 'header')).toEqual(reference(HeaderDto, header, 'header'));
        expect(validateAgainst(cls, body, 'body')).toEqual(reference(cls, body, 'body'));
      }),
      { numRuns: 1000 },
    );
  });

  it('report what class-validator reports when the compiled path alone reads plain JSON', () => {
    // JSON round trip without prototype-named keys, and no deep junk: nothing for the careful way to do
    const unsafe = (key: string): boolean => key in Object.prototype || key === 'prototype';
    const plainArb = brokenPartArb.map(({ type, body }) => ({
      cls: PROTOCOL[type].body,
      body: JSON.parse(JSON.stringify(body, (key, v: unknown) => (unsafe(key) ? undefined : v))),
    }));
    fc.assert(
      fc.property(plainArb, ({ cls, body }) => {
        fc.pre(depthOf(body) <= 8);
        expect(compiledValidator(cls)!(body, 'body')).toEqual(reference(cls, body, 'body'));
      }),
      { numRuns: 600 },
    );
  });

  it('report what class-validator reports for one type read as another', () => {
    fc.assert(
      fc.property(validMessageArb, fc.constantFrom(...BODY_CLASSES), (message, cls) => {
        expect(validateAgainst(cls, message.body, 'body')).toEqual(reference(cls, message.body, 'body'));
      }),
      { numRuns: 200 },
    );
  });

  it('name a field called after an Object.prototype method as unknown, on both paths', () => {
    const address = { street: 'Oudegracht', houseNumber: 12, postcode: '3511AB', city: 'Utrecht' };
    for (const cls of [AddressDto, DebtorDto]) {
      const value =
        cls === AddressDto
          ? { ...address, toString: 'x' }
          : {
              givenNames: 'Jan',
              surname: 'Jansen',
              birthDate: '1980-05-17',
              address: { ...address, valueOf: 1 },
            };
      const path = cls === AddressDto ? 'a.toString' : 'd.address.valueOf';
      const root = path.split('.')[0];
      expect(validateAgainst(cls, value, root)).toEqual([
        expect.objectContaining({ path, rule: 'unknown-field' }),
      ]);
      expect(reference(cls, value, root)).toEqual(validateAgainst(cls, value, root));
    }
  });

  it('name an unknown key holding undefined, and take a known one holding undefined as missing', () => {
    const address = {
      street: 'Oudegracht',
      houseNumber: 12,
      postcode: '3511AB',
      city: 'Utrecht',
      extra: undefined,
    };
    expect(compiledValidator(AddressDto)!(address, 'a')).toEqual(reference(AddressDto, address, 'a'));
    expect(compiledValidator(AddressDto)!(address, 'a').map((v) => v.rule)).toEqual(['unknown-field']);
    const missing = { ...address, extra: 'x', city: undefined };
    expect(compiledValidator(AddressDto)!(missing, 'a')).toEqual(reference(AddressDto, missing, 'a'));
    expect(compiledValidator(AddressDto)!(missing, 'a').map((v) => v.rule)).toEqual([
      'unknown-field',
      'required',
    ]);
  });
});
