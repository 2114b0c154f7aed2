import { createPrivateKey, KeyObject } from 'node:crypto';
import type * as forge from 'node-forge';
import { splitPemCertificates } from '../certificate';
import { forgePki } from '../forge-extras';
import {
  Attribute,
  DAY_MS,
  generateKey,
  OID,
  partyAttributes,
  PartySubject,
  pki,
  placeholderPublicKey,
  privateKeyPem,
  randomSerialHex,
  signStructure,
  spkiAsn1,
  toPem,
} from './der-builder';

/** Dev CAs and the certificates they issue, shaped like PKIoverheid's (subject, key usage, sub-CAs). */

export interface PemKeyPair {
  certPem: string;
  keyPem: string;
}

export interface IssuedCertificate extends PemKeyPair {
  /** leaf, CA */
  chainPem: string[];
}

/** keyUsage bits a dev certificate can carry (RFC 5280 §4.2.1.3 names, as node-forge spells them). */
export type DevKeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

/** A signing certificate as PKIoverheid issues it: digitalSignature and nonRepudiation. */
export const SIGNER_KEY_USAGE: DevKeyUsage[] = ['digitalSignature', 'nonRepudiation'];

interface CertificateTemplate {
  subject: Attribute[];
  issuer: Attribute[];
  subjectKey: KeyObject;
  issuerKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  isCa: boolean;
  /** a CA's pathLenConstraint */
  pathLength?: number;
  /** overrides the default key usage (CA: keyCertSign + cRLSign; leaf: SIGNER_KEY_USAGE); [] omits the extension */
  keyUsage?: DevKeyUsage[];
}

function keyUsageExtension(usages: DevKeyUsage[]): Record<string, unknown>[] {
  return usages.length === 0
    ? []
    : [{ name: 'keyUsage', critical: true, ...Object.fromEntries(usages.map((usage) => [usage, true])) }];
}

function buildCertificate(template: CertificateTemplate): string {
  if (template.issuerKey.asymmetricKeyType !== 'rsa') {
    throw new Error('dev PKI: the CA key must be RSA');
  }
  const cert = pki.createCertificate();
  cert.serialNumber = randomSerialHex();
  cert.validity.notBefore = template.notBefore;
  cert.validity.notAfter = template.notAfter;
  cert.setSubject(template.subject);
  cert.setIssuer(template.issuer);
  cert.publicKey = placeholderPublicKey();
  cert.setExtensions(
    template.isCa
      ? [
          {
            name: 'basicConstraints',
            cA: true,
            critical: true,
            ...(template.pathLength === undefined ? {} : { pathLenConstraint: template.pathLength }),
          },
          ...keyUsageExtension(template.keyUsage ?? ['keyCertSign', 'cRLSign']),
        ]
      : [
          { name: 'basicConstraints', cA: false },
          ...keyUsageExtension(template.keyUsage ?? SIGNER_KEY_USAGE),
        ],
  );
  cert.siginfo.algorithmOid = OID.sha256WithRsa;
  const tbs = forgePki.getTBSCertificate(cert);
  (tbs.value as forge.asn1.Asn1[])[6] = spkiAsn1(template.subjectKey);
  return toPem('CERTIFICATE', signStructure(tbs, template.issuerKey));
}

function subjectOf(certPem: string): Attribute[] {
  return pki.certificateFromPem(certPem).subject.attributes as Attribute[];
}

export function createDevCa(options: { commonName?: string; validDays?: number } = {}): PemKeyPair {
  const { privateKey, publicKey } = generateKey('rsa');
  const name: Attribute[] = [
    { type: '2.5.4.6', value: 'NL' },
    { type: '2.5.4.10', value: 'Schuldenknooppunt ontwikkeling' },
    { type: '2.5.4.3', value: options.commonName ?? 'Schuldenknooppunt Dev CA' },
  ];
  const now = Date.now();
  const certPem = buildCertificate({
    subject: name,
    issuer: name,
    subjectKey: publicKey,
    issuerKey: privateKey,
    notBefore: new Date(now - 5 * 60_000),
    notAfter: new Date(now + (options.validDays ?? 3650) * DAY_MS),
    isCa: true,
  });
  return { certPem, keyPem: privateKeyPem(privateKey) };
}

/** A leaf certificate signed by `ca`: what party certificates and signed CSRs share. */
export function issueCertificate(
  ca: PemKeyPair,
  subject: Attribute[],
  subjectKey: KeyObject,
  notBefore?: Date,
  notAfter?: Date,
  keyUsage?: DevKeyUsage[],
): string {
  const start = notBefore ?? new Date(Date.now() - 5 * 60_000);
  return buildCertificate({
    subject,
    issuer: subjectOf(ca.certPem),
    subjectKey,
    issuerKey: createPrivateKey(ca.keyPem),
    notBefore: start,
    notAfter: notAfter ?? new Date(start.getTime() + 365 * DAY_MS),
    isCa: false,
    keyUsage,
  });
}

/** The CA's own chain (itself, then its issuers): an intermediate carries it, a root is its own. */
function chainOf(ca: PemKeyPair | IntermediateCa): string[] {
  return 'chainPem' in ca ? ca.chainPem : splitPemCertificates(ca.certPem);
}

/**
 * A party certificate: CN and O = name, serialNumber = OIN, C = NL; keyUsage digitalSignature +
 * nonRepudiation unless `keyUsage` says otherwise. `ca` may be an intermediate (createIntermediateCa):
 * `chainPem` is then leaf, intermediate(s), root.
 */
export function issuePartyCertificate(
  ca: PemKeyPair | IntermediateCa,
  party: PartySubject & {
    keyType?: 'rsa' | 'ec';
    notBefore?: Date;
    notAfter?: Date;
    keyUsage?: DevKeyUsage[];
  },
): IssuedCertificate {
  const { privateKey, publicKey } = generateKey(party.keyType ?? 'rsa');
  const certPem = issueCertificate(
    ca,
    partyAttributes(party),
    publicKey,
    party.notBefore,
    party.notAfter,
    party.keyUsage,
  );
  return {
    certPem,
    keyPem: privateKeyPem(privateKey),
    chainPem: [certPem, ...chainOf(ca)],
  };
}

/** A sub-CA: its key pair plus its chain (itself first, up to and including the root). */
export interface IntermediateCa extends PemKeyPair {
  chainPem: string[];
}

/**
 * An intermediate (sub-)CA issued by `parent` (a root from createDevCa or another intermediate),
 * the way PKIoverheid issues party certificates through sub-CAs. Options let tests make broken ones.
 */
export function createIntermediateCa(
  parent: PemKeyPair | IntermediateCa,
  options: {
    commonName?: string;
    validDays?: number;
    notBefore?: Date;
    notAfter?: Date;
    pathLength?: number;
    /** default keyCertSign + cRLSign; [] omits the extension */
    keyUsage?: DevKeyUsage[];
    /** default true; false makes a certificate that must not issue others */
    isCa?: boolean;
  } = {},
): IntermediateCa {
  const { privateKey, publicKey } = generateKey('rsa');
  const notBefore = options.notBefore ?? new Date(Date.now() - 5 * 60_000);
  const certPem = buildCertificate({
    subject: [
      { type: '2.5.4.6', value: 'NL' },
      { type: '2.5.4.10', value: 'Schuldenknooppunt ontwikkeling' },
      { type: '2.5.4.3', value: options.commonName ?? 'Schuldenknooppunt Dev Sub-CA' },
    ],
    issuer: subjectOf(parent.certPem),
    subjectKey: publicKey,
    issuerKey: createPrivateKey(parent.keyPem),
    notBefore,
    notAfter: options.notAfter ?? new Date(notBefore.getTime() + (options.validDays ?? 1825) * DAY_MS),
    isCa: options.isCa ?? true,
    pathLength: options.pathLength,
    keyUsage: options.keyUsage ?? (options.isCa === false ? SIGNER_KEY_USAGE : undefined),
  });
  return { certPem, keyPem: privateKeyPem(privateKey), chainPem: [certPem, ...chainOf(parent)] };
}
