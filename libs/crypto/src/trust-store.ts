import { createHash, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { derToPem, oinOfCertificate, splitPemCertificates } from './certificate';
import {
  allowsSigning,
  certificateFacts,
  CertificateFacts,
  SIGNING_KEY_USAGE_RULE,
} from './certificate-extensions';
import { normaliseSerial, splitPemCrls } from './crl';
import {
  CrlIssuer,
  crlSourceName,
  CrlStalePolicy,
  isStale,
  RevocationRegistry,
  TrustEvent,
} from './revocation-registry';

export interface ChainFailure {
  code: 'CERTIFICATE_UNTRUSTED' | 'CERTIFICATE_EXPIRED';
  reason: string;
}

/** One link of a validated path, as the per-message revocation check needs it. */
interface RevocationLink {
  serial: string;
  /** key id of the certificate's issuer: the CRL in force for it is looked up by this */
  issuerKeyId: string;
  /** the certificate is the signer (leaf) rather than an issuing CA */
  leaf: boolean;
}

/** A signer chain as parsed once and cached; the trust verdict excludes dates and revocation, which change. */
export interface ResolvedChain {
  leaf: X509Certificate;
  leafPem: string;
  leafSha256: string;
  leafPublicKey: KeyObject;
  leafOin: string | undefined;
  /** the anchor-terminated path including the anchor, or the failure that prevented building it */
  path: X509Certificate[] | ChainFailure;
  /** validity of each path certificate in ms (notBefore, notAfter) */
  validity: Array<[number, number]>;
  links: RevocationLink[];
  /** the CA generation a failed verdict was computed at: more known CAs may make it succeed */
  generation: number;
}

export interface TrustStoreOptions {
  /** intermediate CA certificates (PEM) to trust when they chain to an anchor */
  intermediatePems?: string[];
  /** CRL files, read now and on every reloadRevocationLists() */
  crlFiles?: string[];
  /** `fail`: a certificate whose issuer's CRL is past nextUpdate is refused; `warn` (default): logged and shown in /health */
  crlStalePolicy?: CrlStalePolicy;
  /** for startReloading(); default 15 minutes */
  crlReloadIntervalMs?: number;
}

/** What /health shows of the trust store: never personal data, only CA and file names. */
export interface TrustStoreHealth {
  status: 'ok' | 'warn';
  warnings: string[];
  revocationLists: Array<{ ca: string; thisUpdate: string; nextUpdate: string | null; stale: boolean }>;
}

interface KnownCa {
  certificate: X509Certificate;
  facts: CertificateFacts;
  name: string;
  anchor: boolean;
  /** this CA up to and including its anchor */
  chain: X509Certificate[];
}

export const DEFAULT_CRL_RELOAD_INTERVAL_MS = 15 * 60_000;
const MAX_CHAIN_LENGTH = 8;
const MAX_CACHED_CHAINS = 10_000;
const MAX_CACHED_LINKS = 10_000;
const MAX_BUFFERED_EVENTS = 100;

const untrusted = (reason: string): ChainFailure => ({ code: 'CERTIFICATE_UNTRUSTED', reason });
const oneLine = (name: string) => name.split('\n').filter(Boolean).join(', ');

/**
 * Trust anchors, intermediate CAs and revocation lists. Validates x5c chains through any number
 * of intermediates to an anchor (signature, CA constraints, key usage, path length) and caches
 * each verdict per chain; dates and revocation are checked on every call, so a reloaded CRL
 * takes effect at once. Intermediates seen in a verified chain become known CAs, so their CRLs
 * apply too.
 */
export class TrustStore {
  private readonly anchors: X509Certificate[];
  /** known CAs (anchors and intermediates that chain to one) by fingerprint256 */
  private readonly cas = new Map<string, KnownCa>();
  /** known CAs by subject (as X509Certificate prints it), to find an issuer quickly */
  private readonly casBySubject = new Map<string, KnownCa[]>();
  private readonly chains = new Map<string, ResolvedChain>();
  /** verified signature links child→issuer by fingerprints */
  private readonly links = new Map<string, boolean>();
  private readonly revocation: RevocationRegistry;
  private readonly listeners: Array<(event: TrustEvent) => void> = [];
  private readonly bufferedEvents: TrustEvent[] = [];
  private caGeneration = 0;
  readonly crlStalePolicy: CrlStalePolicy;
  readonly crlReloadIntervalMs: number;

  constructor(anchorPems: string[], crlPems: string[] = [], options: TrustStoreOptions = {}) {
    this.anchors = anchorPems.flatMap(splitPemCertificates).map((pem) => new X509Certificate(pem));
    if (this.anchors.length === 0) {
      throw new Error('TrustStore: no trust anchor certificates given');
    }
    this.crlStalePolicy = options.crlStalePolicy ?? 'warn';
    this.crlReloadIntervalMs = options.crlReloadIntervalMs ?? DEFAULT_CRL_RELOAD_INTERVAL_MS;
    this.revocation = new RevocationRegistry((event) => this.emit(event));
    for (const anchor of this.anchors) {
      this.remember({
        certificate: anchor,
        facts: certificateFacts(anchor),
        name: oneLine(anchor.subject),
        anchor: true,
        chain: [anchor],
      });
    }
    this.addIntermediates(options.intermediatePems ?? []);
    crlPems
      .flatMap(splitPemCrls)
      .forEach((pem, i) => this.revocation.addSource(`inline CRL #${i + 1}`, () => pem));
    for (const path of options.crlFiles ?? []) {
      this.revocation.addSource(crlSourceName(path), () => readFileSync(path, 'utf8'));
    }
    this.revocation.reload(this.crlIssuers());
  }

  static fromFiles(paths: string[], crlPaths: string[] = [], options: TrustStoreOptions = {}): TrustStore {
    const read = (path: string) => readFileSync(path.trim(), 'utf8');
    return new TrustStore(paths.map(read), [], {
      ...options,
      crlFiles: [...crlPaths.map((p) => p.trim()), ...(options.crlFiles ?? [])],
    });
  }

  /**
   * From `TRUST_ANCHORS` (comma-separated PEM paths), optional `TRUST_INTERMEDIATES` and
   * `TRUST_CRLS` (paths), `CRL_RELOAD_INTERVAL_MS` and `CRL_STALE_POLICY` (`warn` | `fail`).
   */
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
    const policy = env.CRL_STALE_POLICY?.trim() || 'warn';
    if (policy !== 'warn' && policy !== 'fail') {
      throw new Error(`CRL_STALE_POLICY must be warn or fail, not ${policy}`);
    }
    const interval = env.CRL_RELOAD_INTERVAL_MS?.trim() || String(DEFAULT_CRL_RELOAD_INTERVAL_MS);
    if (!/^\d+$/.test(interval) || Number(interval) < 100) {
      throw new Error('CRL_RELOAD_INTERVAL_MS must be a whole number of milliseconds, at least 100');
    }
    const intermediates = list(env.TRUST_INTERMEDIATES).map((path) => readFileSync(path, 'utf8'));
    return TrustStore.fromFiles(anchors, list(env.TRUST_CRLS), {
      intermediatePems: intermediates,
      crlStalePolicy: policy,
      crlReloadIntervalMs: Number(interval),
    });
  }

  get anchorCount(): number {
    return this.anchors.length;
  }

  /** Anchors plus intermediates known to chain to one. */
  get knownCaCount(): number {
    return this.cas.size;
  }

  /** Receives what the store wants logged; events from before the first listener are replayed to it. */
  onEvent(listener: (event: TrustEvent) => void): void {
    this.listeners.push(listener);
    if (this.listeners.length === 1) {
      this.bufferedEvents.splice(0).forEach(listener);
    }
  }

  /** Re-reads the CRL files. A file that cannot be read or parsed keeps its previous CRLs; never throws. */
  reloadRevocationLists(): void {
    this.revocation.reload(this.crlIssuers());
  }

  /** Reloads the CRL files every `intervalMs` (unref'd timer); returns the function that stops it. */
  startReloading(intervalMs = this.crlReloadIntervalMs): () => void {
    const timer = setInterval(() => this.reloadRevocationLists(), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  health(now: Date = new Date()): TrustStoreHealth {
    const { warnings, lists } = this.revocation.status(now, this.crlStalePolicy);
    return {
      status: warnings.length > 0 ? 'warn' : 'ok',
      warnings,
      revocationLists: lists.map((l) => ({
        ca: l.ca,
        thisUpdate: l.thisUpdate.toISOString(),
        nextUpdate: l.nextUpdate?.toISOString() ?? null,
        stale: isStale(l, now),
      })),
    };
  }

  /** Parses an x5c chain (cached by its hash). Throws when a certificate cannot be read. */
  resolveChain(x5c: string[]): ResolvedChain {
    const key = createHash('sha256').update(x5c.join(',')).digest('base64');
    const cached = this.chains.get(key);
    if (cached && (Array.isArray(cached.path) || cached.generation === this.caGeneration)) {
      return cached;
    }
    const certificates = x5c.map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
    const leaf = certificates[0];
    const generation = this.caGeneration;
    const path = this.buildPath(certificates, true);
    const pathCertificates = Array.isArray(path) ? path : [];
    const resolved: ResolvedChain = {
      leaf,
      leafPem: derToPem(Buffer.from(leaf.raw)),
      leafSha256: leaf.fingerprint256.replace(/:/g, '').toLowerCase(),
      leafPublicKey: leaf.publicKey,
      leafOin: oinOfCertificate(leaf),
      path,
      validity: pathCertificates.map((c) => [Date.parse(c.validFrom), Date.parse(c.validTo)]),
      links: pathCertificates.slice(0, -1).map((certificate, i) => ({
        serial: normaliseSerial(certificate.serialNumber),
        issuerKeyId: certificateFacts(pathCertificates[i + 1]).keyId,
        leaf: i === 0,
      })),
      generation,
    };
    if (!cached && this.chains.size >= MAX_CACHED_CHAINS) {
      this.chains.delete(this.chains.keys().next().value as string);
    }
    this.chains.set(key, resolved);
    return resolved;
  }

  /** The cached verdict plus revocation (CRLs in force now) and validity dates at `now`. */
  checkChain(chain: ResolvedChain, now: Date = new Date()): ChainFailure | undefined {
    if (!Array.isArray(chain.path)) {
      return chain.path;
    }
    const time = now.getTime();
    for (const link of chain.links) {
      const list = this.revocation.lookup(link.issuerKeyId);
      if (!list) {
        continue;
      }
      if (list.revokedSerials.has(link.serial)) {
        return untrusted(link.leaf ? 'revoked' : 'issuing CA certificate revoked');
      }
      if (this.crlStalePolicy === 'fail' && list.nextUpdate && time > list.nextUpdate.getTime()) {
        return untrusted('revocation list of the issuing CA is past its nextUpdate (CRL_STALE_POLICY=fail)');
      }
    }
    for (let i = 0; i < chain.validity.length; i++) {
      const [notBefore, notAfter] = chain.validity[i];
      const what = i === 0 ? 'certificate' : 'issuing CA certificate';
      if (time < notBefore) {
        return { code: 'CERTIFICATE_EXPIRED', reason: `${what} not yet valid` };
      }
      if (time > notAfter) {
        return { code: 'CERTIFICATE_EXPIRED', reason: `${what} expired` };
      }
    }
    return undefined;
  }

  private emit(event: TrustEvent): void {
    if (this.listeners.length === 0) {
      if (this.bufferedEvents.length < MAX_BUFFERED_EVENTS) {
        this.bufferedEvents.push(event);
      }
      return;
    }
    this.listeners.forEach((listener) => listener(event));
  }

  private remember(ca: KnownCa): void {
    this.cas.set(ca.certificate.fingerprint256, ca);
    const sameSubject = this.casBySubject.get(ca.certificate.subject) ?? [];
    sameSubject.push(ca);
    this.casBySubject.set(ca.certificate.subject, sameSubject);
  }

  private crlIssuers(): CrlIssuer[] {
    return [...this.cas.values()].map((ca) => ({
      keyId: ca.facts.keyId,
      subjectDer: ca.facts.subjectDer,
      publicKey: ca.certificate.publicKey,
      name: ca.name,
      mayIssueCrls: ca.facts.keyUsage === undefined || ca.facts.keyUsage.has('cRLSign'),
    }));
  }

  /** Configured intermediates, in any order; each must chain to an anchor (a configuration error otherwise). */
  private addIntermediates(pems: string[]): void {
    let remaining = pems.flatMap(splitPemCertificates).map((pem) => new X509Certificate(pem));
    while (remaining.length > 0) {
      const failures: string[] = [];
      const next = remaining.filter((certificate) => {
        const path = this.buildPath([certificate], false);
        if (Array.isArray(path)) {
          return false;
        }
        failures.push(`${oneLine(certificate.subject)}: ${path.reason}`);
        return true;
      });
      if (next.length === remaining.length) {
        throw new Error(`TRUST_INTERMEDIATES: not chaining to a trust anchor: ${failures.join('; ')}`);
      }
      remaining = next;
    }
  }

  /** Whether `issuer` may issue certificates: CA=true, keyCertSign (keyUsage may be absent on an anchor). */
  private issuerProblem(issuer: X509Certificate, anchor: boolean): string | undefined {
    const facts = certificateFacts(issuer);
    if (!facts.isCa) {
      return 'issuing certificate is not a CA (basicConstraints)';
    }
    if (facts.keyUsage ? !facts.keyUsage.has('keyCertSign') : !anchor) {
      return 'issuing CA certificate lacks keyUsage keyCertSign';
    }
    return undefined;
  }

  private linkProblem(child: X509Certificate, issuer: X509Certificate, anchor: boolean): string | undefined {
    return (
      this.issuerProblem(issuer, anchor) ??
      (this.signedBy(child, issuer) ? undefined : 'certificate chain is broken')
    );
  }

  /** Signature link child→issuer (names, key identifiers, signature), cached by fingerprints. */
  private signedBy(child: X509Certificate, issuer: X509Certificate): boolean {
    const key = `${child.fingerprint256}>${issuer.fingerprint256}`;
    let verdict = this.links.get(key);
    if (verdict === undefined) {
      verdict = child.checkIssued(issuer) && child.verify(issuer.publicKey);
      if (this.links.size >= MAX_CACHED_LINKS) {
        this.links.delete(this.links.keys().next().value as string);
      }
      this.links.set(key, verdict);
    }
    return verdict;
  }

  /**
   * Walks from the first certificate to an anchor: through known CAs first, then through the
   * other certificates given (x5c). `signer`: the first is a signing leaf and needs its key usage.
   * Intermediates of a valid path become known CAs.
   */
  private buildPath(certificates: X509Certificate[], signer: boolean): X509Certificate[] | ChainFailure {
    const path: X509Certificate[] = [certificates[0]];
    const pool = certificates.slice(1);
    let problem: string | undefined;
    for (;;) {
      const current = path[path.length - 1];
      if (this.cas.get(current.fingerprint256)?.anchor) {
        break;
      }
      const known = (this.casBySubject.get(current.issuer) ?? []).find((ca) => {
        problem = this.linkProblem(current, ca.certificate, ca.anchor);
        return !problem;
      });
      if (known) {
        path.push(...known.chain);
        break;
      }
      if (path.length >= MAX_CHAIN_LENGTH) {
        return untrusted('certificate chain is too long');
      }
      const index = pool.findIndex((candidate) => {
        if (candidate.subject !== current.issuer) {
          return false;
        }
        problem = this.linkProblem(current, candidate, false);
        return !problem;
      });
      if (index < 0) {
        return untrusted(problem ?? 'chain does not lead to a trust anchor');
      }
      path.push(...pool.splice(index, 1));
    }
    for (let i = 1; i < path.length; i++) {
      const limit = certificateFacts(path[i]).pathLength;
      if (limit !== undefined && i - 1 > limit) {
        return untrusted('path length constraint of an issuing CA exceeded');
      }
    }
    this.learn(signer ? path.slice(1) : path);
    if (signer && !allowsSigning(certificateFacts(path[0]))) {
      return untrusted(`signer certificate not for signing: ${SIGNING_KEY_USAGE_RULE}`);
    }
    return path;
  }

  /** Remembers the CAs of a verified path (all but the anchor) and applies CRLs that waited for them. */
  private learn(caPath: X509Certificate[]): void {
    let learned = false;
    caPath.forEach((certificate, i) => {
      if (!this.cas.has(certificate.fingerprint256)) {
        const name = oneLine(certificate.subject);
        this.remember({
          certificate,
          facts: certificateFacts(certificate),
          name,
          anchor: false,
          chain: caPath.slice(i),
        });
        this.emit({
          level: 'info',
          event: 'ca.learned',
          ca: name,
          message: `intermediate CA ${name} is known now`,
        });
        learned = true;
      }
    });
    if (learned) {
      this.caGeneration += 1;
      this.revocation.issuersChanged(this.crlIssuers());
    }
  }
}
