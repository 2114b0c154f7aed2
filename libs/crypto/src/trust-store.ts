import { createHash, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { derToPem, notAfterOf, notBeforeOf, oinOfCertificate, splitPemCertificates } from './certificate';
import { normaliseSerial, parseRevocationList, splitPemCrls } from './crl';

export interface ChainFailure {
  code: 'CERTIFICATE_UNTRUSTED' | 'CERTIFICATE_EXPIRED';
  reason: string;
}

/** A signer chain as parsed once and cached; the trust verdict excludes dates, which change with time. */
export interface ResolvedChain {
  leaf: X509Certificate;
  leafPem: string;
  leafSha256: string;
  leafPublicKey: KeyObject;
  leafOin: string | undefined;
  /** the anchor-terminated path including the anchor, or the failure that prevented building it */
  path: X509Certificate[] | ChainFailure;
}

const MAX_CHAIN_LENGTH = 8;
const MAX_CACHED_CHAINS = 10_000;

/** Trust anchors and revocation lists; validates x5c chains and caches each verdict per chain. */
export class TrustStore {
  private readonly anchors: X509Certificate[];
  private readonly anchorFingerprints: Set<string>;
  /** revoked serials per issuing anchor (fingerprint256) */
  private readonly revokedByIssuer = new Map<string, Set<string>>();
  private readonly chains = new Map<string, ResolvedChain>();

  constructor(anchorPems: string[], crlPems: string[] = []) {
    this.anchors = anchorPems.flatMap(splitPemCertificates).map((pem) => new X509Certificate(pem));
    if (this.anchors.length === 0) {
      throw new Error('TrustStore: no trust anchor certificates given');
    }
    this.anchorFingerprints = new Set(this.anchors.map((a) => a.fingerprint256));
    for (const crlPem of crlPems.flatMap(splitPemCrls)) {
      this.addRevocationList(crlPem);
    }
  }

  static fromFiles(paths: string[], crlPaths: string[] = []): TrustStore {
    const read = (path: string) => readFileSync(path.trim(), 'utf8');
    return new TrustStore(paths.map(read), crlPaths.map(read));
  }

  /** From `TRUST_ANCHORS` (comma-separated PEM paths) and optional `TRUST_CRLS`. */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): TrustStore {
    const list = (value: string | undefined) =>
      (value ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
    const anchors = list(env.TRUST_ANCHORS);
    if (anchors.length === 0) {
      throw new Error('TRUST_ANCHORS must list at least one PEM file of trusted CA certificates');
    }
    return TrustStore.fromFiles(anchors, list(env.TRUST_CRLS));
  }

  get anchorCount(): number {
    return this.anchors.length;
  }

  /** Parses an x5c chain (cached by its hash). Throws when a certificate cannot be read. */
  resolveChain(x5c: string[]): ResolvedChain {
    const key = createHash('sha256').update(x5c.join(',')).digest('base64');
    const cached = this.chains.get(key);
    if (cached) {
      return cached;
    }
    const certificates = x5c.map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
    const leaf = certificates[0];
    const resolved: ResolvedChain = {
      leaf,
      leafPem: derToPem(Buffer.from(leaf.raw)),
      leafSha256: leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
      leafPublicKey: leaf.publicKey,
      leafOin: oinOfCertificate(leaf),
      path: this.buildPath(certificates),
    };
    if (this.chains.size >= MAX_CACHED_CHAINS) {
      this.chains.delete(this.chains.keys().next().value as string);
    }
    this.chains.set(key, resolved);
    return resolved;
  }

  /** The cached verdict plus the validity dates of every certificate on the path at `now`. */
  checkChain(chain: ResolvedChain, now: Date = new Date()): ChainFailure | undefined {
    if (!Array.isArray(chain.path)) {
      return chain.path;
    }
    const time = now.getTime();
    for (const certificate of chain.path) {
      if (time < notBeforeOf(certificate).getTime()) {
        return { code: 'CERTIFICATE_EXPIRED', reason: 'certificate not yet valid' };
      }
      if (time > notAfterOf(certificate).getTime()) {
        return { code: 'CERTIFICATE_EXPIRED', reason: 'certificate expired' };
      }
    }
    return undefined;
  }

  private addRevocationList(crlPem: string): void {
    for (const anchor of this.anchors) {
      let revoked: Set<string>;
      try {
        revoked = parseRevocationList(crlPem, anchor).revokedSerials;
      } catch {
        continue;
      }
      const known = this.revokedByIssuer.get(anchor.fingerprint256) ?? new Set<string>();
      revoked.forEach((serial) => known.add(serial));
      this.revokedByIssuer.set(anchor.fingerprint256, known);
      return;
    }
    throw new Error('TrustStore: CRL is malformed or not signed by a trust anchor');
  }

  private isRevoked(certificate: X509Certificate, issuer: X509Certificate): boolean {
    return (
      this.revokedByIssuer.get(issuer.fingerprint256)?.has(normaliseSerial(certificate.serialNumber)) ?? false
    );
  }

  /** Walks leaf → anchor: each certificate must be signed by the next one (a CA) or by an anchor. */
  private buildPath(certificates: X509Certificate[]): X509Certificate[] | ChainFailure {
    const path: X509Certificate[] = [];
    for (let i = 0; i < certificates.length && i < MAX_CHAIN_LENGTH; i++) {
      const certificate = certificates[i];
      path.push(certificate);
      if (this.anchorFingerprints.has(certificate.fingerprint256)) {
        return path;
      }
      const anchor = this.anchors.find(
        (a) => a.ca && certificate.checkIssued(a) && certificate.verify(a.publicKey),
      );
      if (anchor) {
        if (this.isRevoked(certificate, anchor)) {
          return { code: 'CERTIFICATE_UNTRUSTED', reason: 'revoked' };
        }
        path.push(anchor);
        return path;
      }
      const next = certificates[i + 1];
      if (!next) {
        return { code: 'CERTIFICATE_UNTRUSTED', reason: 'chain does not lead to a trust anchor' };
      }
      if (!(next.ca && certificate.checkIssued(next) && certificate.verify(next.publicKey))) {
        return { code: 'CERTIFICATE_UNTRUSTED', reason: 'certificate chain is broken' };
      }
    }
    return { code: 'CERTIFICATE_UNTRUSTED', reason: 'chain does not lead to a trust anchor' };
  }
}
