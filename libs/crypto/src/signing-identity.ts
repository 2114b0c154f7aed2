import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as forge from 'node-forge';
import { derToPem, oinOfCertificate, splitPemCertificates } from './certificate';
import { PartyIdentitySettings } from './crypto-settings';
import { JwsAlgorithm, keyFitsAlgorithm } from './jws';

/** Everything needed to sign as a party: its key, its certificate chain and its OIN. */
export interface SigningIdentity {
  oin: string;
  privateKey: KeyObject;
  /** PEM certificates, leaf first */
  chainPem: string[];
  alg: JwsAlgorithm;
  certificate: X509Certificate;
}

export type SigningIdentitySource =
  | { certPem: string; keyPem: string; alg?: JwsAlgorithm }
  | { p12: Buffer; password: string; alg?: JwsAlgorithm };

/** base64 DER of each chain certificate, as the JWS x5c header wants it. */
export function x5cOf(identity: Pick<SigningIdentity, 'chainPem'>): string[] {
  return identity.chainPem.map((pem) => Buffer.from(new X509Certificate(pem).raw).toString('base64'));
}

function defaultAlgorithm(key: KeyObject): JwsAlgorithm {
  return key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
}

function fromPem(certPem: string, privateKey: KeyObject, alg?: JwsAlgorithm): SigningIdentity {
  const chainPem = splitPemCertificates(certPem);
  if (chainPem.length === 0) {
    throw new Error('signing identity: no PEM certificate found');
  }
  const certificate = new X509Certificate(chainPem[0]);
  if (!certificate.checkPrivateKey(privateKey)) {
    throw new Error('signing identity: private key does not belong to the certificate');
  }
  const oin = oinOfCertificate(certificate);
  if (!oin) {
    throw new Error('signing identity: certificate subject has no serialNumber (OIN)');
  }
  const algorithm = alg ?? defaultAlgorithm(privateKey);
  if (!keyFitsAlgorithm(algorithm, privateKey)) {
    throw new Error(`signing identity: key does not fit ${algorithm}`);
  }
  return { oin, privateKey, chainPem, alg: algorithm, certificate };
}

/** Reads a PKCS#12 file with node-forge: the key plus the certificates, leaf (matching the key) first. */
function fromPkcs12(p12: Buffer, password: string, alg?: JwsAlgorithm): SigningIdentity {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
  const store = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  const keyBag = [
    ...(store.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ??
      []),
    ...(store.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ][0];
  if (!keyBag) {
    throw new Error('signing identity: PKCS#12 holds no private key');
  }
  // forge only models RSA keys; other key types come back as raw PrivateKeyInfo ASN.1
  const keyDer = keyBag.key
    ? forge.asn1.toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key))).getBytes()
    : forge.asn1.toDer(keyBag.asn1).getBytes();
  const privateKey = createPrivateKey({ key: Buffer.from(keyDer, 'binary'), format: 'der', type: 'pkcs8' });

  const certificates = (store.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map(
    (bag) => {
      const asn1Cert = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
      return new X509Certificate(derToPem(Buffer.from(forge.asn1.toDer(asn1Cert).getBytes(), 'binary')));
    },
  );
  const leaf = certificates.find((c) => c.checkPrivateKey(privateKey));
  if (!leaf) {
    throw new Error('signing identity: PKCS#12 holds no certificate for its private key');
  }
  const chain = [leaf, ...certificates.filter((c) => c !== leaf)];
  return fromPem(chain.map((c) => c.toString()).join(''), privateKey, alg);
}

export function loadSigningIdentity(source: SigningIdentitySource): SigningIdentity {
  if ('p12' in source) {
    return fromPkcs12(source.p12, source.password, source.alg);
  }
  return fromPem(source.certPem, createPrivateKey(source.keyPem), source.alg);
}

/** A value that is either inline PEM or a path to a PEM file. */
function pemFromEnv(value: string): string {
  return value.trimStart().startsWith('-----BEGIN')
    ? value.replace(/\\n/g, '\n')
    : readFileSync(value, 'utf8');
}

/**
 * The party's own identity from the validated settings: `PARTY_CERT` + `PARTY_KEY` (paths or
 * inline PEM) or `PARTY_P12` + `PARTY_P12_PASSWORD`; `PARTY_OIN`, when set, must match the
 * certificate (only the certificate can tell, so this is checked here rather than by the env class).
 */
export function loadSigningIdentityFromSettings(env: PartyIdentitySettings): SigningIdentity {
  let identity: SigningIdentity;
  let source: string;
  if (env.PARTY_CERT && env.PARTY_KEY) {
    source = 'PARTY_CERT';
    identity = loadSigningIdentity({
      certPem: pemFromEnv(env.PARTY_CERT),
      keyPem: pemFromEnv(env.PARTY_KEY),
    });
  } else if (env.PARTY_P12) {
    source = 'PARTY_P12';
    if (!existsSync(env.PARTY_P12)) {
      throw new Error(`PARTY_P12 file not found: ${env.PARTY_P12}`);
    }
    identity = loadSigningIdentity({
      p12: readFileSync(env.PARTY_P12),
      password: env.PARTY_P12_PASSWORD ?? '',
    });
  } else {
    throw new Error(
      'Set PARTY_CERT and PARTY_KEY, or PARTY_P12 and PARTY_P12_PASSWORD, to the party signing identity',
    );
  }
  if (env.PARTY_OIN && env.PARTY_OIN !== identity.oin) {
    throw new Error(
      `PARTY_OIN (${env.PARTY_OIN}) does not match the OIN in the ${source} certificate (${identity.oin})`,
    );
  }
  return identity;
}
