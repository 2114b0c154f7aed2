import { createPrivateKey, createPublicKey, verify, X509Certificate } from 'node:crypto';
import * as forge from 'node-forge';
import { splitPemCertificates } from '../certificate';
import { derBitStringBytes, derSequenceElements } from '../crl';
import { forgePki } from '../forge-extras';
import { issueCertificate, PemKeyPair } from './certificates';
import {
  algorithmIdentifier,
  asn1,
  DAY_MS,
  fromPem,
  OID,
  partyAttributes,
  PartySubject,
  pki,
  placeholderPublicKey,
  signStructure,
  spkiAsn1,
  toAsn1,
  toDer,
  toPem,
} from './der-builder';

/** What a dev CA does besides issuing directly: CSRs, revocation lists and PKCS#12 files. */

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
  const certPem = issueCertificate(
    ca,
    attributes,
    publicKey,
    start,
    new Date(start.getTime() + validDays * DAY_MS),
  );
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
