import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
} from '../../../../test/factories/messages.factory';
import { validMessageArb } from '../testing';
import { Kennisgeving, SkpMessage } from '../types';
import { decode, encode } from './codec';
import { MessageDecodeError } from './decode-error';

const XSD = join(__dirname, '../../xsd/skp-berichten-1.0.xsd');
const SIGNATURE = 'eyJhbGciOiJSUzI1NiJ9..c2ln';

const withSignature = (m: object): SkpMessage => ({ ...m, signature: SIGNATURE }) as SkpMessage;

function decodeError(input: string): MessageDecodeError {
  try {
    decode(input, 'xml');
  } catch (error) {
    return error as MessageDecodeError;
  }
  throw new Error('decode accepted the input');
}

describe('XML encoding', () => {
  it('uses <Bericht> in the namespace with header, typed body, signature and repeated invoiceNumber', () => {
    const message = withSignature(
      anUnsignedKennisgeving({ body: { invoiceNumbers: ['F-1', 'F-2'], signal: 4 } }),
    );
    const xml = encode(message, 'xml');
    expect(xml).toContain('<Bericht xmlns="urn:nl:schuldenknooppunt:berichten:1">');
    expect(xml).toContain('xsi:type="KennisgevingBody"');
    expect(xml).toMatch(
      /<invoiceNumbers>\s*<invoiceNumber>F-1<\/invoiceNumber>\s*<invoiceNumber>F-2<\/invoiceNumber>\s*<\/invoiceNumbers>/,
    );
    expect(xml).toContain(`<signature>${SIGNATURE}</signature>`);
    const decoded = decode(xml, 'xml') as Kennisgeving;
    expect(decoded).toStrictEqual(message);
    expect(decoded.body.debtor.address.houseNumber).toBe(1);
    expect(decoded.body.signal).toBe(4);
  });

  it('keeps outstandingAmountCents a number and an empty invoice list an empty array', () => {
    const message = withSignature(
      anUnsignedPauseAcknowledgement({ body: { outstandingAmountCents: 123456, invoiceNumbers: [] } }),
    );
    expect(decode(encode(message, 'xml'), 'xml')).toStrictEqual(message);
  });

  it('accepts any element order and rejects unknown elements, attributes and foreign namespaces', () => {
    const xml = encode(withSignature(anUnsignedKennisgeving()), 'xml');
    const signatureLine = `  <signature>${SIGNATURE}</signature>\n`;
    const reordered = xml
      .replace(signatureLine, '')
      .replace('<header>', `<signature>${SIGNATURE}</signature><header>`);
    expect(reordered).not.toBe(xml);
    expect(decode(reordered, 'xml')).toStrictEqual(decode(xml, 'xml'));
    expect(decodeError(xml.replace('<city>', '<hobby>x</hobby><city>')).violations).toContainEqual(
      expect.objectContaining({ path: 'body.debtor.address.hobby', rule: 'unknown-field' }),
    );
    expect(decodeError(xml.replace('<city>', '<city id="1">')).code).toBe('SCHEMA_INVALID');
    expect(
      decodeError(xml.replace('urn:nl:schuldenknooppunt:berichten:1', 'urn:other')).violations,
    ).toContainEqual(expect.objectContaining({ rule: 'xml-namespace' }));
    expect(decodeError(xml.replace(/Bericht/g, 'Letter')).violations).toContainEqual(
      expect.objectContaining({ rule: 'xml-root' }),
    );
  });

  it('rejects a non-numeric houseNumber as SCHEMA_INVALID', () => {
    const xml = encode(withSignature(anUnsignedKennisgeving()), 'xml').replace(
      '<houseNumber>1</houseNumber>',
      '<houseNumber>one</houseNumber>',
    );
    const error = decodeError(xml);
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.violations).toContainEqual(
      expect.objectContaining({ path: 'body.debtor.address.houseNumber', rule: 'integer' }),
    );
  });

  it('rejects DOCTYPE and entity declarations (XXE) as MALFORMED', () => {
    const xml = encode(withSignature(anUnsignedKennisgeving()), 'xml');
    const xxe = xml
      .replace('<Bericht', '<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Bericht')
      .replace('<city>Utrecht', '<city>&xxe;');
    expect(decodeError(xxe).code).toBe('MALFORMED');
    expect(decodeError('<!doctype x><Bericht/>').code).toBe('MALFORMED');
  });

  it('rejects broken XML as MALFORMED', () => {
    expect(decodeError('<Bericht xmlns="urn:nl:schuldenknooppunt:berichten:1"><header>').code).toBe(
      'MALFORMED',
    );
    expect(decodeError('not xml').code).toBe('MALFORMED');
  });
});

describe('XSD', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'skp-xsd-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function xmllint(xmlFiles: string[]): void {
    execFileSync('xmllint', ['--noout', '--schema', XSD, ...xmlFiles], { stdio: 'pipe' });
  }

  it('is itself a valid schema and accepts every generated valid message', () => {
    const samples = fc.sample(validMessageArb, { numRuns: 60, seed: 42 });
    const files = samples.map((message, i) => {
      const file = join(dir, `m${i}.xml`);
      writeFileSync(file, encode(message, 'xml'));
      return file;
    });
    expect(() => xmllint(files)).not.toThrow();
  });

  it('rejects XML the decoder rejects structurally', () => {
    const xml = encode(withSignature(anUnsignedKennisgeving()), 'xml');
    const file = join(dir, 'bad.xml');
    writeFileSync(file, xml.replace('<houseNumber>1</houseNumber>', '<houseNumber>0</houseNumber>'));
    expect(() => xmllint([file])).toThrow();
    writeFileSync(file, xml.replace('xsi:type="KennisgevingBody"', 'xsi:type="DeliveryReceiptBody"'));
    expect(() => xmllint([file])).toThrow();
  });
});
