/**
 * `@skp/crypto/dev`: a development PKI for tests, scripts, the demo and the bench. Never imported
 * by production code (a lint rule keeps it out of apps and libs).
 */
export { createDevCa, createIntermediateCa, issuePartyCertificate, SIGNER_KEY_USAGE } from './certificates';
export type { DevKeyUsage, IntermediateCa, IssuedCertificate, PemKeyPair } from './certificates';
export {
  createCertificateSigningRequest,
  createRevocationList,
  exportPkcs12,
  issueRevocationList,
  signCertificateSigningRequest,
} from './requests';
export type { PartySubject } from './der-builder';
