import { KeyObject, verify, X509Certificate } from 'node:crypto';
import { readChildren, readTlv } from './certificate-extensions';

/** A certificate revocation list, reduced to what chain validation needs. */
export interface RevocationList {
  /** revoked serial numbers, uppercase hex without leading zeros (as X509Certificate.serialNumber) */
  revokedSerials: Set<string>;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
}

/** A CRL read but not yet tied to its issuer: what is needed to check its signature later. */
export interface UnverifiedRevocationList extends RevocationList {
  /** DER of the issuer Name, to find the CA certificate whose subject it is */
  issuerDer: Buffer;
  /** the issuer Name as text (`CN=..., O=..., C=NL`), for logs and /health */
  issuerName: string;
  tbsDer: Buffer;
  hash: string;
  signature: Buffer;
}

const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'sha384',
};

const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.97': 'organizationIdentifier',
};

export function normaliseSerial(hex: string): string {
  return hex.toUpperCase().replace(/^0+(?=.)/, '');
}

/** Content of a DER BIT STRING without its unused-bits byte (forge would try to parse it as ASN.1). */
export function derBitStringBytes(der: Buffer): Buffer {
  const lengthBytes = der[1] < 0x80 ? 0 : der[1] & 0x7f;
  return der.subarray(2 + lengthBytes + 1);
}

/** Splits PEM text into its CRL blocks. */
export function splitPemCrls(pem: string): string[] {
  return pem.match(/-----BEGIN X509 CRL-----[\s\S]+?-----END X509 CRL-----/g) ?? [];
}

/** Raw bytes of each element of a DER SEQUENCE, so signed parts are verified exactly as encoded. */
export function derSequenceElements(der: Buffer): Buffer[] {
  return readChildren(readTlv(der).content).map((child) => child.element);
}

function decodeOid(content: Buffer): string {
  const parts = [Math.floor(content[0] / 40), content[0] % 40];
  let value = 0;
  for (const octet of content.subarray(1)) {
    value = value * 128 + (octet & 0x7f);
    if (!(octet & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** A DER Name as one line, attributes in encoded order (as Node prints a certificate subject). */
export function nameToText(nameDer: Buffer): string {
  return readChildren(readTlv(nameDer).content)
    .flatMap((set) => readChildren(set.content))
    .map((attribute) => {
      const [type, value] = readChildren(attribute.content);
      const oid = decodeOid(type.content);
      const text =
        value.tag === 0x1e
          ? Buffer.from(value.content).swap16().toString('utf16le')
          : value.content.toString('utf8');
      // a damaged or hostile name must not put control characters into logs
      return `${NAME_ATTRIBUTES[oid] ?? oid}=${text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')}`;
    })
    .join(', ');
}

function derTime(tlv: { tag: number; content: Buffer }): Date {
  const text = tlv.content.toString('ascii');
  const match =
    tlv.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) {
    throw new Error('CRL time is not a UTC time');
  }
  const [, y, mo, d, h, mi, s] = match.map(Number);
  // RFC 5280 §4.1.2.5.1: two-digit years 50-99 are 19xx, 00-49 are 20xx
  const year = tlv.tag === 0x17 ? (y >= 50 ? 1900 + y : 2000 + y) : y;
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}

const isTime = (tag: number | undefined) => tag === 0x17 || tag === 0x18;

/**
 * Reads a PEM CRL without checking its signature (the issuer may not be known yet).
 * Throws when the CRL is malformed or uses an unsupported signature algorithm.
 */
export function readRevocationList(crlPem: string): UnverifiedRevocationList {
  const body = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(crlPem)?.[1];
  if (!body) {
    throw new Error('not a PEM X509 CRL');
  }
  const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const [tbs, algorithm, signature] = readChildren(readTlv(der).content);
  if (tbs?.tag !== 0x30 || algorithm?.tag !== 0x30 || signature?.tag !== 0x03) {
    throw new Error('CRL is not a signed CertificateList');
  }
  const algorithmOid = decodeOid(readChildren(algorithm.content)[0].content);
  const hash = SIGNATURE_HASHES[algorithmOid];
  if (!hash) {
    throw new Error(`CRL signature algorithm ${algorithmOid} not supported`);
  }
  const fields = readChildren(tbs.content);
  let i = fields[0].tag === 0x02 ? 1 : 0; // optional version
  i += 1; // signature algorithm
  const issuer = fields[i++];
  if (issuer?.tag !== 0x30 || !isTime(fields[i]?.tag)) {
    throw new Error('CRL has no issuer or thisUpdate');
  }
  const thisUpdate = derTime(fields[i++]);
  const nextUpdate = isTime(fields[i]?.tag) ? derTime(fields[i++]) : undefined;
  const revokedSerials = new Set<string>();
  if (fields[i]?.tag === 0x30) {
    for (const entry of readChildren(fields[i].content)) {
      const serial = readChildren(entry.content)[0];
      revokedSerials.add(normaliseSerial(serial.content.toString('hex')));
    }
  }
  return {
    revokedSerials,
    thisUpdate,
    nextUpdate,
    issuerDer: issuer.element,
    issuerName: nameToText(issuer.element),
    tbsDer: tbs.element,
    hash,
    signature: signature.content.subarray(1),
  };
}

/** Whether `key` made the CRL's signature (native crypto, over the exact bytes received). */
export function revocationListSignedBy(crl: UnverifiedRevocationList, key: KeyObject): boolean {
  try {
    return verify(crl.hash, crl.tbsDer, key, crl.signature);
  } catch {
    return false;
  }
}

/**
 * Parses a PEM CRL and checks its signature with the issuing CA's key (native crypto).
 * Throws when the CRL is malformed or not signed by `issuer`.
 */
export function parseRevocationList(crlPem: string, issuer: X509Certificate): RevocationList {
  const crl = readRevocationList(crlPem);
  if (!revocationListSignedBy(crl, issuer.publicKey)) {
    throw new Error('CRL signature does not verify with its issuer');
  }
  return { revokedSerials: crl.revokedSerials, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate };
}
