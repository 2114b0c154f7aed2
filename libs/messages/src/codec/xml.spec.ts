import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  anUnsignedArrangementAgreed,
  anUnsignedArrangementEnded,
  anUnsignedBalanceRequest,
  anUnsignedBalanceStatement,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
  anUnsignedPaymentProposal,
  anUnsignedProposalResponse,
  anUnsignedStatusRequest,
} from '../../../../test/factories/messages.factory';
import { COLLECTIVE_BODY_ARBS, HELP_REQUEST_BODY_ARBS, messageArb, validMessageArb } from '../testing';
import { Kennisgeving, MessageType, SkpMessage } from '../types';
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

describe('XML encoding of Collectief Schuldregelen', () => {
  const statement = (): SkpMessage => withSignature(anUnsignedBalanceStatement());

  it.each<[string, () => object]>([
    [
      'BalanceRequest',
      () =>
        anUnsignedBalanceRequest({
          body: { partner: { givenNames: 'Els', surname: 'Vries', birthDate: '1982-01-01' } },
        }),
    ],
    [
      'BalanceRequest PRIVATE',
      () => anUnsignedBalanceRequest({ variant: 'PRIVATE', body: { collective: false } }),
    ],
    ['BalanceStatement', () => anUnsignedBalanceStatement()],
    ['BalanceStatement unknown', () => anUnsignedBalanceStatement({ body: { known: false } })],
    ['PaymentProposal', () => anUnsignedPaymentProposal({ body: { note: 'regel 1\r\nregel 2 & <meer>' } })],
    ['ProposalResponse', () => anUnsignedProposalResponse({ body: { decision: 'REJECTED' } })],
    ['ArrangementAgreed', () => anUnsignedArrangementAgreed()],
    ['ArrangementEnded', () => anUnsignedArrangementEnded({ body: { paidAmountCents: 0 } })],
    ['StatusRequest', () => anUnsignedStatusRequest()],
    ['StatusRequest without question', () => anUnsignedStatusRequest({ body: { question: undefined } })],
  ])('round-trips a %s, typed by xsi:type', (_name, make) => {
    const message = withSignature(JSON.parse(JSON.stringify(make())));
    const xml = encode(message, 'xml');
    expect(xml).toContain(`xsi:type="${message.header.type}Body"`);
    expect(decode(xml, 'xml')).toStrictEqual(message);
  });

  it('writes booleans as true/false and claims as repeated <claim> records, and reads them back typed', () => {
    const xml = encode(statement(), 'xml');
    expect(xml).toContain('<known>true</known>');
    expect(xml).toContain('<preApproval>true</preApproval>');
    expect(xml).toMatch(
      /<claims>\s*<claim>\s*<reference>F-1<\/reference>[\s\S]*<\/claim>\s*<claim>[\s\S]*<\/claim>\s*<\/claims>/,
    );
    const decoded = decode(xml, 'xml') as SkpMessage<'BalanceStatement'>;
    expect(decoded.body.known).toBe(true);
    expect(decoded.body.claims.map((c) => c.outstandingAmountCents)).toEqual([12_000, 3_456]);
    const unknown = encode(withSignature(anUnsignedBalanceStatement({ body: { known: false } })), 'xml');
    expect(unknown).toContain('<claims/>');
    expect((decode(unknown, 'xml') as SkpMessage<'BalanceStatement'>).body.claims).toEqual([]);
  });

  it.each([
    ['<known>1</known>', 'body.known', 'boolean'],
    ['<known>TRUE</known>', 'body.known', 'boolean'],
    ['<known></known>', 'body.known', 'boolean'],
    ['<known><a>true</a></known>', 'body.known', 'boolean'],
  ])('rejects %s as SCHEMA_INVALID', (replacement, path, rule) => {
    const error = decodeError(encode(statement(), 'xml').replace('<known>true</known>', replacement));
    expect(error.code).toBe('SCHEMA_INVALID');
    expect(error.violations).toContainEqual(expect.objectContaining({ path, rule }));
  });

  it('rejects unknown elements inside a claim and inside claims, and text in place of claims', () => {
    const xml = encode(statement(), 'xml');
    expect(
      decodeError(xml.replace('<kind>ZORG</kind>', '<kind>ZORG</kind><vat>1</vat>')).violations,
    ).toContainEqual(expect.objectContaining({ path: 'body.claims.0.vat', rule: 'unknown-field' }));
    expect(decodeError(xml.replace('<claims>', '<claims><item>x</item>')).code).toBe('SCHEMA_INVALID');
    expect(
      decodeError(xml.replace(/<claims>[\s\S]*<\/claims>/, '<claims>F-1</claims>')).violations,
    ).toContainEqual(expect.objectContaining({ path: 'body.claims', rule: 'array' }));
    expect(
      decodeError(xml.replace('<outstandingAmountCents>12000', '<outstandingAmountCents>12k')).violations,
    ).toContainEqual(
      expect.objectContaining({ path: 'body.claims.0.outstandingAmountCents', rule: 'integer' }),
    );
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

  it.each([...COLLECTIVE_BODY_ARBS, ...HELP_REQUEST_BODY_ARBS].map(([type, body]) => [type, body] as const))(
    'accepts generated valid %s messages',
    (type: MessageType, body) => {
      const samples = fc.sample(messageArb(type, body), { numRuns: 15, seed: 7 });
      const files = samples.map((message, i) => {
        const file = join(dir, `${type}-${i}.xml`);
        writeFileSync(file, encode(message, 'xml'));
        return file;
      });
      expect(() => xmllint(files)).not.toThrow();
    },
  );

  it.each([
    ['a boolean spelled 1', '<known>true</known>', '<known>1</known>'],
    [
      'a percentage with one decimal',
      '<payoutPercentage>45.67</payoutPercentage>',
      '<payoutPercentage>45.6</payoutPercentage>',
    ],
    ['a term of 37 months', '<termMonths>18</termMonths>', '<termMonths>37</termMonths>'],
    ['an unknown claim kind', '<kind>ZORG</kind>', '<kind>HUUR</kind>'],
    [
      'a negative amount',
      '<outstandingAmountCents>12000</outstandingAmountCents>',
      '<outstandingAmountCents>-1</outstandingAmountCents>',
    ],
  ])('rejects %s, as the decoder does', (_name, from, to) => {
    const source =
      from.includes('known') || from.includes('kind') || from.includes('outstanding')
        ? anUnsignedBalanceStatement()
        : anUnsignedPaymentProposal();
    const xml = encode(withSignature(source), 'xml');
    expect(xml).toContain(from);
    const file = join(dir, 'bad-collective.xml');
    writeFileSync(file, xml);
    expect(() => xmllint([file])).not.toThrow();
    writeFileSync(file, xml.replace(from, to));
    expect(() => xmllint([file])).toThrow();
    expect(decodeError(xml.replace(from, to)).code).toBe('SCHEMA_INVALID');
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
