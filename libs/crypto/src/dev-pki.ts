import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign,
  verify,
  X509Certificate,
} from 'node:crypto';
import * as forge from 'node-forge';
import { splitPemCertificates } from './certificate';
import { derBitStringBytes, derSequenceElements } from './crl';
import { forgePki } from './forge-extras';

/**
 * A development PKI: node-forge builds the ASN.1 (certificates, CSRs, CRLs, PKCS#12), Node's
 * crypto makes keys and signatures (forge's RSA key generation and signing are slow, and forge
 * cannot represent EC keys at all, so EC public keys are spliced in at the ASN.1 level).
 */

export interface PemKeyPair {
  certPem: string;
  keyPem: string;
}

export interface IssuedCertificate extends PemKeyPair {
  /** leaf, CA */
  chainPem: string[];
}

export interface PartySubject {
  oin: string;
  name: string;
}

type Attribute = { type: string; value: string; valueTagClass?: number };

const { asn1, pki } = forge;
const OID = {
  serialNumber: '2.5.4.5',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
};
const DAY_MS = 86_400_000;

function generateKey(type: 'rsa' | 'ec'): { privateKey: KeyObject; publicKey: KeyObject } {
  return type === 'ec'
    ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : generateKeyPairSync('rsa', { modulusLength: 2048 });
}

function privateKeyPem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

function toAsn1(der: Buffer): forge.asn1.Asn1 {
  return asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
}

function toDer(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

function toPem(label: string, der: Buffer): string {
  return `-----BEGIN ${label}-----\n${(der.toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END ${label}-----\n`;
}

function fromPem(label: string, pem: string): Buffer {
  const body = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END ${label}-----`).exec(pem)?.[1];
  if (!body) {
    throw new Error(`no PEM ${label} found`);
  }
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

function signatureAlgorithmOid(key: KeyObject): string {
  return key.asymmetricKeyType === 'ec' ? OID.ecdsaWithSha256 : OID.sha256WithRsa;
}

function algorithmIdentifier(oid: string): forge.asn1.Asn1 {
  const parts = [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes())];
  if (oid === OID.sha256WithRsa) {
    parts.push(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''));
  }
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, parts);
}

/** `SEQUENCE { toBeSigned, algorithm, BIT STRING signature }`, the shape of certificates, CSRs and CRLs. */
function signStructure(toBeSigned: forge.asn1.Asn1, signerKey: KeyObject): Buffer {
  const signature = sign('sha256', toDer(toBeSigned), signerKey);
  return toDer(
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      toBeSigned,
      algorithmIdentifier(signatureAlgorithmOid(signerKey)),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, '\u0000' + signature.toString('binary')),
    ]),
  );
}

function spkiAsn1(publicKey: KeyObject): forge.asn1.Asn1 {
  return toAsn1(publicKey.export({ type: 'spki', format: 'der' }));
}

// forge's TBS builders insist on an RSA public key; this stands in until the real key is spliced in
let placeholderKey: forge.pki.rsa.PublicKey | undefined;
function placeholderPublicKey(): forge.pki.rsa.PublicKey {
  placeholderKey ??= pki.publicKeyFromPem(
    generateKey('rsa').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  return placeholderKey;
}

function partyAttributes({ oin, name }: PartySubject): Attribute[] {
  const utf8 = (value: string) => ({ value: forge.util.encodeUtf8(value), valueTagClass: asn1.Type.UTF8 });
  return [
    { type: '2.5.4.6', value: 'NL' },
    { type: '2.5.4.10', ...utf8(name) },
    { type: OID.serialNumber, value: oin },
    { type: '2.5.4.3', ...utf8(name) },
  ];
}

function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01; // positive and without a leading zero byte
  return bytes.toString('hex');
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

function issue(
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
  const certPem = issue(
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

/** A PKCS#10 request for a party certificate, signed with the party's key (RSA or EC). */
export function createCertificateSigningRequest(party: PartySubject, keyPem: string): string {
  const privateKey = createPrivateKey(keyPem);
  const csr = pki.createCertificationRequest();
  csr.publicKey = placeholderPublicKey();
  csr.setSubject(partyAttributes(party));
  const info = forgePki.getCertificationRequestInfo(csr);
  (info.value as forge.asn1.Asn1[])[2] = spkiAsn1(createPublicKey(privateKey));
  return toPem('CERTIFICATE REQUEST', signStructure(info, privateKey));
}

/** Checks a CSR's proof of possession and issues a certificate for its subject and key. */
export function signCertificateSigningRequest(
  ca: PemKeyPair,
  csrPem: string,
  validDays = 365,
): { certPem: string; chainPem: string[] } {
  // verify over the exact bytes received, not forge's re-encoding
  const [infoDer, , signatureDer] = derSequenceElements(fromPem('CERTIFICATE REQUEST', csrPem));
  const [, subjectDer, spkiDer] = derSequenceElements(infoDer);
  const publicKey = createPublicKey({ key: spkiDer, format: 'der', type: 'spki' });
  if (!verify('sha256', infoDer, publicKey, derBitStringBytes(signatureDer))) {
    throw new Error('CSR signature does not verify');
  }
  const attributes = forgePki.RDNAttributesAsArray(toAsn1(subjectDer));
  const start = new Date(Date.now() - 5 * 60_000);
  const certPem = issue(ca, attributes, publicKey, start, new Date(start.getTime() + validDays * DAY_MS));
  return { certPem, chainPem: [certPem, ...splitPemCertificates(ca.certPem)] };
}

/** A CRL signed by the CA listing the given certificates (PEM) as revoked. */
export function createRevocationList(ca: PemKeyPair, revokedCertPems: string[], nextUpdateDays = 7): string {
  const thisUpdate = new Date();
  return issueRevocationList(ca, {
    revokedCertPems,
    thisUpdate,
    nextUpdate: new Date(thisUpdate.getTime() + nextUpdateDays * DAY_MS),
  });
}

/**
 * A CRL from any dev CA (root or intermediate) with chosen dates: `thisUpdate` (default now) and
 * `nextUpdate` (default a week later; `null` leaves it out). A past nextUpdate makes a stale CRL.
 */
export function issueRevocationList(
  ca: PemKeyPair,
  options: { revokedCertPems?: string[]; thisUpdate?: Date; nextUpdate?: Date | null } = {},
): string {
  const utcTime = (date: Date) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date));
  const now = options.thisUpdate ?? new Date();
  const nextUpdate =
    options.nextUpdate === undefined ? new Date(now.getTime() + 7 * DAY_MS) : options.nextUpdate;
  const revokedCertPems = options.revokedCertPems ?? [];
  const entries = revokedCertPems.map((pem) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(
        asn1.Class.UNIVERSAL,
        asn1.Type.INTEGER,
        false,
        Buffer.from(new X509Certificate(pem).serialNumber, 'hex').toString('binary'),
      ),
      utcTime(now),
    ]),
  );
  const tbs = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, '\u0001'), // v2
    algorithmIdentifier(OID.sha256WithRsa),
    pki.distinguishedNameToAsn1(pki.certificateFromPem(ca.certPem).subject),
    utcTime(now),
    ...(nextUpdate ? [utcTime(nextUpdate)] : []),
    ...(entries.length > 0 ? [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, entries)] : []),
  ]);
  return toPem('X509 CRL', signStructure(tbs, createPrivateKey(ca.keyPem)));
}

/** A password-protected PKCS#12 (.p12) with the key and chain. forge can only write RSA keys here. */
export function exportPkcs12(input: {
  certPem: string;
  keyPem: string;
  chainPem?: string[];
  password: string;
}): Buffer {
  const key = createPrivateKey(input.keyPem);
  if (key.asymmetricKeyType !== 'rsa') {
    throw new Error('exportPkcs12 supports RSA keys only');
  }
  const pems = [
    ...new Set([
      ...splitPemCertificates(input.certPem),
      ...(input.chainPem ?? []).flatMap(splitPemCertificates),
    ]),
  ];
  const forgeKey = pki.privateKeyFromPem(key.export({ type: 'pkcs1', format: 'pem' }).toString());
  const p12 = forge.pkcs12.toPkcs12Asn1(
    forgeKey,
    pems.map((pem) => pki.certificateFromPem(pem)),
    input.password,
    {
      algorithm: 'aes256',
    },
  );
  return toDer(p12);
}
