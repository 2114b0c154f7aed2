import * as forge from 'node-forge';

/** node-forge functions that exist at runtime but are missing from @types/node-forge. */
interface ForgePkiExtras {
  RDNAttributesAsArray(rdn: forge.asn1.Asn1): Array<{ type: string; value: string; valueTagClass: number }>;
  getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1;
  getCertificationRequestInfo(csr: forge.pki.CertificateSigningRequest): forge.asn1.Asn1;
}

export const forgePki = forge.pki as unknown as typeof forge.pki & ForgePkiExtras;
