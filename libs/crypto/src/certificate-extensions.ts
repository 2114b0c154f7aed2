import { createHash, X509Certificate } from 'node:crypto';

/**
 * The parts of an X.509 certificate that path validation needs and Node's X509Certificate does
 * not expose (keyUsage bits, pathLenConstraint, the subject Name's DER). Read with a minimal DER
 * walker: once per certificate, never per message, and without node-forge.
 */
export interface CertificateFacts {
  /** basicConstraints cA */
  isCa: boolean;
  /** basicConstraints pathLenConstraint, when present */
  pathLength: number | undefined;
  /** keyUsage bits by name; undefined when the certificate has no keyUsage extension */
  keyUsage: Set<KeyUsage> | undefined;
  /** DER of the subject Name, to match a CRL's issuer */
  subjectDer: Buffer;
  /** SHA-256 (hex) of the SubjectPublicKeyInfo: revocation is kept per issuing key */
  keyId: string;
}

export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

/** RFC 5280 §4.2.1.3, in bit order. */
const KEY_USAGE_BITS: KeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

const OID_KEY_USAGE = Buffer.from('551d0f', 'hex'); // 2.5.29.15
const OID_BASIC_CONSTRAINTS = Buffer.from('551d13', 'hex'); // 2.5.29.19

interface Tlv {
  tag: number;
  /** the whole element, header included */
  element: Buffer;
  /** the content octets */
  content: Buffer;
}

/** Reads one DER element at `offset`; throws on a truncated or indefinite-length encoding. */
export function readTlv(der: Buffer, offset = 0): Tlv {
  if (offset + 2 > der.length) {
    throw new Error('DER: truncated element');
  }
  const tag = der[offset];
  const first = der[offset + 1];
  let length = first;
  let headerLength = 2;
  if (first >= 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > der.length) {
      throw new Error('DER: unsupported length');
    }
    length = 0;
    for (let i = 0; i < count; i++) {
      length = length * 256 + der[offset + 2 + i];
    }
    headerLength += count;
  }
  const end = offset + headerLength + length;
  if (end > der.length) {
    throw new Error('DER: element runs past its container');
  }
  return {
    tag,
    element: der.subarray(offset, end),
    content: der.subarray(offset + headerLength, end),
  };
}

/** The elements inside a constructed element's content. */
export function readChildren(content: Buffer): Tlv[] {
  const children: Tlv[] = [];
  for (let at = 0; at < content.length;) {
    const child = readTlv(content, at);
    children.push(child);
    at += child.element.length;
  }
  return children;
}

function keyUsageOf(extnValue: Buffer): Set<KeyUsage> {
  const bitString = readTlv(extnValue);
  if (bitString.tag !== 0x03 || bitString.content.length === 0) {
    throw new Error('keyUsage is not a BIT STRING');
  }
  const bits = bitString.content.subarray(1); // first octet: unused bits
  const usages = new Set<KeyUsage>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    const octet = bits[bit >> 3] ?? 0;
    if (octet & (0x80 >> (bit & 7))) {
      usages.add(name);
    }
  });
  return usages;
}

function basicConstraintsOf(extnValue: Buffer): { isCa: boolean; pathLength: number | undefined } {
  const sequence = readTlv(extnValue);
  let isCa = false;
  let pathLength: number | undefined;
  for (const child of readChildren(sequence.content)) {
    if (child.tag === 0x01) {
      isCa = child.content[0] !== 0;
    } else if (child.tag === 0x02) {
      pathLength = child.content.reduce((value, octet) => value * 256 + octet, 0);
    }
  }
  return { isCa, pathLength };
}

const cache = new WeakMap<X509Certificate, CertificateFacts>();

/** Facts about a certificate, read once per X509Certificate object. Throws on malformed DER. */
export function certificateFacts(certificate: X509Certificate): CertificateFacts {
  const cached = cache.get(certificate);
  if (cached) {
    return cached;
  }
  const outer = readTlv(certificate.raw);
  const tbs = readTlv(outer.content);
  const fields = readChildren(tbs.content);
  // TBSCertificate: [0] version (optional), serial, signature, issuer, validity, subject, spki, ...
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[offset + 4];
  const spki = fields[offset + 5];
  if (!subject || !spki) {
    throw new Error('certificate: TBSCertificate too short');
  }
  const facts: CertificateFacts = {
    isCa: false,
    pathLength: undefined,
    keyUsage: undefined,
    subjectDer: subject.element,
    keyId: createHash('sha256').update(spki.element).digest('hex'),
  };
  const extensions = fields.find((field) => field.tag === 0xa3);
  if (extensions) {
    for (const extension of readChildren(readTlv(extensions.content).content)) {
      const parts = readChildren(extension.content);
      const oid = parts[0]?.content;
      const extnValue = parts[parts.length - 1]?.content;
      if (!oid || !extnValue) {
        continue;
      }
      if (oid.equals(OID_KEY_USAGE)) {
        facts.keyUsage = keyUsageOf(extnValue);
      } else if (oid.equals(OID_BASIC_CONSTRAINTS)) {
        Object.assign(facts, basicConstraintsOf(extnValue));
      }
    }
  }
  cache.set(certificate, facts);
  return facts;
}

/** A signer certificate must allow signatures: keyUsage digitalSignature or nonRepudiation. */
export function allowsSigning(facts: CertificateFacts): boolean {
  return facts.keyUsage?.has('digitalSignature') === true || facts.keyUsage?.has('nonRepudiation') === true;
}

/** The rule in words, for errors and receipts. */
export const SIGNING_KEY_USAGE_RULE = 'keyUsage must include digitalSignature or nonRepudiation';
