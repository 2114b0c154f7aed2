import { anUnsignedKennisgeving } from '../../../../test/factories/messages.factory';
import { Kennisgeving, MAX_MESSAGE_BYTES, SkpMessage } from '../types';
import { decode, encode, signingInput } from './codec';
import { canonicalJson } from './canonical-json';
import { MessageDecodeError } from './decode-error';

const message = (): SkpMessage => ({ ...anUnsignedKennisgeving(), signature: 'a..b' });

function decodeError(input: Buffer | string, encoding: 'json' | 'xml' = 'json'): MessageDecodeError {
  try {
    decode(input, encoding);
  } catch (error) {
    expect(error).toBeInstanceOf(MessageDecodeError);
    return error as MessageDecodeError;
  }
  throw new Error('decode accepted the input');
}

describe('decode', () => {
  it('returns the message exactly as sent, without defaults', () => {
    const m = message();
    const decoded = decode(encode(m, 'json'));
    expect(decoded).toStrictEqual(m);
    expect((decoded as Kennisgeving).body.signal).toBeUndefined();
  });

  it('accepts a Buffer with a UTF-8 BOM', () => {
    const m = message();
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(encode(m, 'json'))]);
    expect(decode(bytes)).toStrictEqual(m);
  });

  it('rejects more than 256 KiB as TOO_LARGE, measured in bytes', () => {
    const m = message();
    const padding = 'é'.repeat(MAX_MESSAGE_BYTES / 2); // 2 bytes each in UTF-8: over the limit in bytes only
    const big = encode(m, 'json').replace('"a..b"', `"${padding}"`);
    expect(big.length).toBeLessThan(MAX_MESSAGE_BYTES + 100);
    expect(decodeError(big).code).toBe('TOO_LARGE');
    expect(decodeError(Buffer.from(big)).code).toBe('TOO_LARGE');
    expect(decodeError(big, 'xml').code).toBe('TOO_LARGE');
  });

  it.each([
    ['invalid JSON', '{"header":'],
    ['a JSON array', '[]'],
    ['a JSON string', '"x"'],
    ['null', 'null'],
    ['empty input', ''],
  ])('rejects %s as MALFORMED', (_name, input) => {
    expect(decodeError(input).code).toBe('MALFORMED');
  });

  it('rejects bytes that are not UTF-8 as MALFORMED', () => {
    const error = decodeError(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(error.code).toBe('MALFORMED');
    expect(error.violations[0].rule).toBe('utf-8');
  });

  it('rejects rule failures as SCHEMA_INVALID with every violation', () => {
    const m = message() as unknown as { body: { debtor: { bsn: string; surname: string } } };
    m.body.debtor.bsn = '123456781';
    m.body.debtor.surname = '';
    const error = decodeError(JSON.stringify(m));
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.violations.map((v) => v.rule).sort()).toEqual(['bsn-11-proef', 'not-blank']);
    expect(error.message).not.toContain('123456781');
  });
});

describe('signingInput', () => {
  it('is the canonical JSON of {header, body}, the same for JSON and XML', () => {
    const m = message();
    const input = signingInput(m);
    expect(input).toBe(canonicalJson({ body: m.body, header: m.header }));
    expect(input).not.toContain('signature');
    expect(signingInput(decode(encode(m, 'xml'), 'xml'))).toBe(input);
  });
});
