import { verify, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';

/** A certificate revocation list, reduced to what chain validation needs. */
export interface RevocationList {
  /** revoked serial numbers, uppercase hex without leading zeros (as X509Certificate.serialNumber) */
  revokedSerials: Set<string>;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
}

const SIGNATURE_HASHES: Record<string, string> = {
  '1.2.840.113549.1.1.11': 'sha256', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3': 'sha384',
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
  const readLength = (at: number): [length: number, headerEnd: number] => {
    const first = der[at];
    if (first < 0x80) {
      return [first, at + 1];
    }
    const count = first & 0x7f;
    let length = 0;
    for (let i = 0; i < count; i++) {
      length = length * 256 + der[at + 1 + i];
    }
    return [length, at + 1 + count];
  };
  const [outerLength, contentStart] = readLength(1);
  const elements: Buffer[] = [];
  for (let at = contentStart; at < contentStart + outerLength;) {
    const [length, headerEnd] = readLength(at + 1);
    elements.push(der.subarray(at, headerEnd + length));
    at = headerEnd + length;
  }
  return elements;
}

function asn1FromDer(der: Buffer): forge.asn1.Asn1 {
  return forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
}

function asn1Time(node: forge.asn1.Asn1): Date {
  const value = node.value as string;
  return node.type === forge.asn1.Type.UTCTIME
    ? forge.asn1.utcTimeToDate(value)
    : forge.asn1.generalizedTimeToDate(value);
}

function isTime(node: forge.asn1.Asn1 | undefined): node is forge.asn1.Asn1 {
  return (
    node?.tagClass === forge.asn1.Class.UNIVERSAL &&
    (node.type === forge.asn1.Type.UTCTIME || node.type === forge.asn1.Type.GENERALIZEDTIME)
  );
}

/**
 * Parses a PEM CRL and checks its signature with the issuing CA's key (native crypto).
 * Throws when the CRL is malformed or not signed by `issuer`.
 */
export function parseRevocationList(crlPem: string, issuer: X509Certificate): RevocationList {
  const body = /-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/.exec(crlPem)?.[1];
  if (!body) {
    throw new Error('not a PEM X509 CRL');
  }
  const der = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const [tbsDer, algorithmDer, signatureDer] = derSequenceElements(der);
  const algorithmOid = forge.asn1.derToOid(
    (asn1FromDer(algorithmDer).value as forge.asn1.Asn1[])[0].value as string,
  );
  const hash = SIGNATURE_HASHES[algorithmOid];
  if (!hash) {
    throw new Error(`CRL signature algorithm ${algorithmOid} not supported`);
  }
  const signature = derBitStringBytes(signatureDer);
  if (!verify(hash, tbsDer, issuer.publicKey, signature)) {
    throw new Error('CRL signature does not verify with its issuer');
  }

  const tbs = derSequenceElements(tbsDer).map(asn1FromDer);
  let i = tbs[0].type === forge.asn1.Type.INTEGER ? 1 : 0; // optional version
  i += 2; // signature algorithm, issuer: the signature check above already binds the CRL to its CA
  const thisUpdate = asn1Time(tbs[i++]);
  const nextUpdate = isTime(tbs[i]) ? asn1Time(tbs[i++]) : undefined;
  const revokedSerials = new Set<string>();
  const revoked = tbs[i];
  if (revoked?.tagClass === forge.asn1.Class.UNIVERSAL && revoked.type === forge.asn1.Type.SEQUENCE) {
    for (const entry of revoked.value as forge.asn1.Asn1[]) {
      const serial = (entry.value as forge.asn1.Asn1[])[0].value as string;
      revokedSerials.add(normaliseSerial(forge.util.bytesToHex(serial)));
    }
  }
  return { revokedSerials, thisUpdate, nextUpdate };
}
