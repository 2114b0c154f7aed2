import { generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import * as forge from 'node-forge';

/**
 * The ASN.1 plumbing of the dev PKI: node-forge builds the structures, Node's crypto makes keys
 * and signatures (forge's RSA key generation and signing are slow, and forge cannot represent EC
 * keys at all, so EC public keys are spliced in at the ASN.1 level).
 */

export type Attribute = { type: string; value: string; valueTagClass?: number };

export interface PartySubject {
  oin: string;
  name: string;
}

export const { asn1, pki } = forge;
export const OID = {
  serialNumber: '2.5.4.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};
export const DAY_MS = 86_400_000;

export function generateKey(type: 'rsa' | 'ec'): { privateKey: KeyObject; publicKey: KeyObject } {
  return type === 'ec'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
}

export function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function toAsn1(der: Buffer): forge.asn1.Asn1 {
  return asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
}

export function toDer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

export function toPem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

export function fromPem(label: string, pem: string): Buffer {
  const body = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem)?.[1];
  if (!body) {
    throw new Error(`no PEM ${label} found`);
  }
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

function signatureAlgorithmOid(key: KeyObject): string {
  return key.asymmetricKeyType === 'ec' ? OID.ecdsaWithSha256 : OID.sha256WithRsa;
}

export function algorithmIdentifier(oid: string): forge.asn1.Asn1 {
  const parts = [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes())];
  if (oid === OID.sha256WithRsa) {
    parts.push(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''));
  }
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, parts);
}

/** `SEQUENCE { toBeSigned, algorithm, BIT STRING signature }`, the shape of certificates, CSRs and CRLs. */
export function signStructure(toBeSigned: forge.asn1.Asn1, signerKey: KeyObject): Buffer {
  const signature = sign('sha256', toDer(toBeSigned), signerKey);
  return toDer(
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      toBeSigned,
      algorithmIdentifier(signatureAlgorithmOid(signerKey)),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, '\u0000' + signature.toString('binary')),
    ]),
  );
}

export function spkiAsn1(publicKey: KeyObject): forge.asn1.Asn1 {
  return toAsn1(publicKey.export({ type: 'spki', format: 'der' }));
}

// forge's TBS builders insist on an RSA public key; this stands in until the real key is spliced in
let placeholderKey: forge.pki.rsa.PublicKey | undefined;
export function placeholderPublicKey(): forge.pki.rsa.PublicKey {
  placeholderKey ??= pki.publicKeyFromPem(
    generateKey('rsa').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  return placeholderKey;
}

export function partyAttributes({ oin, name }: PartySubject): Attribute[] {
  const utf8 = (value: string) => ({ value: forge.util.encodeUtf8(value), valueTagClass: asn1.Type.UTF8 });
  return [
    { type: '2.5.4.6', value: 'NL' },
    { type: '2.5.4.10', ...utf8(name) },
    { type: OID.serialNumber, value: oin },
    { type: '2.5.4.3', ...utf8(name) },
  ];
}

export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01; // positive and without a leading zero byte
  return bytes.toString('hex');
}
