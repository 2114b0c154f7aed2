import { createHash, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';
import { allowsSigning, certificateFacts } from './certificate-extensions';
import { forgePki } from './forge-extras';

/** OID of the subject `serialNumber` attribute, which carries the OIN in PKIoverheid certificates. */
export const SERIAL_NUMBER_OID = '2.5.4.5';

export interface CertificateDescription {
  oin: string | undefined;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** hex SHA-256 fingerprint of the DER encoding */
  sha256: string;
  /** keyUsage allows signing messages (digitalSignature or nonRepudiation): SIGNING_KEY_USAGE_RULE */
  signing: boolean;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Splits a PEM bundle (a chain or an anchor file) into its certificates, in file order. */
export function splitPemCertificates(pem: string): string[] {
  return (pem.match(PEM_CERTIFICATE) ?? []).map((block) => block.replace(/\r\n/g, '\n') + '\n');
}

export function pemToDer(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}

export function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Subject attributes read from the DER with forge.asn1. forge's full certificate parser only
 * understands RSA keys, so EC certificates are read at the ASN.1 level instead.
 */
function subjectAttributes(der: Buffer): Array<{ type: string; value: string }> {
  const certificate = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
  const tbs = (certificate.value as forge.asn1.Asn1[])[0].value as forge.asn1.Asn1[];
  // TBSCertificate: [0] version (optional), serial, signature, issuer, validity, subject, ...
  const offset = tbs[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const subject = tbs[offset + 4];
  return forgePki.RDNAttributesAsArray(subject).map((attribute) => ({
    type: attribute.type,
    value: forge.util.decodeUtf8(attribute.value),
  }));
}

/** The OIN of a certificate: its subject serialNumber, or undefined when absent. */
export function oinOfCertificate(certificate: X509Certificate): string | undefined {
  return subjectAttributes(Buffer.from(certificate.raw)).find((a) => a.type === SERIAL_NUMBER_OID)?.value;
}

function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

export function notBeforeOf(certificate: X509Certificate): Date {
  return new Date(certificate.validFrom);
}

export function notAfterOf(certificate: X509Certificate): Date {
  return new Date(certificate.validTo);
}

export function describeX509(certificate: X509Certificate): CertificateDescription {
  return {
    oin: oinOfCertificate(certificate),
    subject: oneLineName(certificate.subject),
    issuer: oneLineName(certificate.issuer),
    notBefore: notBeforeOf(certificate),
    notAfter: notAfterOf(certificate),
    sha256: sha256Hex(Buffer.from(certificate.raw)),
    signing: allowsSigning(certificateFacts(certificate)),
  };
}

/** Human-readable facts about a PEM certificate (the first one when given a chain). */
export function describeCertificate(pem: string): CertificateDescription {
  const first = splitPemCertificates(pem)[0];
  if (!first) {
    throw new Error('describeCertificate: no PEM certificate found');
  }
  return describeX509(new X509Certificate(first));
}
