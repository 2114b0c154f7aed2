import { createHash, KeyObject, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { derToPem, oinOfCertificate, splitPemCertificates } from './certificate';
import { certificateFacts } from './certificate-extensions';
import { normaliseSerial, splitPemCrls } from './crl';
import { DEFAULT_CRL_RELOAD_INTERVAL_MS, TrustSettings } from './crypto-settings';
import { ChainFailure, KnownCas, untrusted } from './known-cas';
import {
  crlSourceName,
  CrlStalePolicy,
  isStale,
  RevocationRegistry,
  TrustEvent,
} from './revocation-registry';

export type { ChainFailure } from './known-cas';

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

const MAX_CACHED_CHAINS = 10_000;
const MAX_BUFFERED_EVENTS = 100;

/**
 * Trust anchors, intermediate CAs and revocation lists. Validates x5c chains through any number
 * of intermediates to an anchor (signature, CA constraints, key usage, path length) and caches
 * each verdict per chain; dates and revocation are checked on every call, so a reloaded CRL
 * takes effect at once. Intermediates seen in a verified chain become known CAs, so their CRLs
 * apply too.
 */
export class TrustStore {
  private readonly anchors: X509Certificate[];
  /** anchors and intermediates that chain to one */
  private readonly cas: KnownCas;
  private readonly chains = new Map<string, ResolvedChain>();
  private readonly revocation: RevocationRegistry;
  private readonly listeners: Array<(event: TrustEvent) => void> = [];
  private readonly bufferedEvents: TrustEvent[] = [];
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
    this.cas = new KnownCas(this.anchors, {
      learned: (name) =>
        this.emit({
          level: 'info',
          event: 'ca.learned',
          ca: name,
          message: `intermediate CA ${name} is known now`,
        }),
      changed: () => this.revocation.issuersChanged(this.cas.crlIssuers()),
    });
    this.cas.addIntermediates(options.intermediatePems ?? []);
    crlPems
      .flatMap(splitPemCrls)
      .forEach((pem, i) => this.revocation.addSource(`inline CRL #${i + 1}`, () => pem));
    for (const path of options.crlFiles ?? []) {
      this.revocation.addSource(crlSourceName(path), () => readFileSync(path, 'utf8'));
    }
    this.revocation.reload(this.cas.crlIssuers());
  }

  static fromFiles(paths: string[], crlPaths: string[] = [], options: TrustStoreOptions = {}): TrustStore {
    const read = (path: string) => readFileSync(path.trim(), 'utf8');
    return new TrustStore(paths.map(read), [], {
      ...options,
      crlFiles: [...crlPaths.map((p) => p.trim()), ...(options.crlFiles ?? [])],
    });
  }

  /**
   * From the validated trust settings: `TRUST_ANCHORS` (comma-separated PEM paths), optional
   * `TRUST_INTERMEDIATES` and `TRUST_CRLS` (paths), `CRL_RELOAD_INTERVAL_MS`, `CRL_STALE_POLICY`.
   */
  static fromSettings(settings: TrustSettings): TrustStore {
    const list = (value: string | undefined) =>
      (value ?? '')
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
    const anchors = list(settings.TRUST_ANCHORS);
    if (anchors.length === 0) {
      throw new Error('TRUST_ANCHORS must list at least one PEM file of trusted CA certificates');
    }
    const intermediates = list(settings.TRUST_INTERMEDIATES).map((path) => readFileSync(path, 'utf8'));
    return TrustStore.fromFiles(anchors, list(settings.TRUST_CRLS), {
      intermediatePems: intermediates,
      crlStalePolicy: settings.CRL_STALE_POLICY ?? 'warn',
      crlReloadIntervalMs: settings.CRL_RELOAD_INTERVAL_MS ?? DEFAULT_CRL_RELOAD_INTERVAL_MS,
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
    this.revocation.reload(this.cas.crlIssuers());
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
    if (cached && (Array.isArray(cached.path) || cached.generation === this.cas.generation)) {
      return cached;
    }
    const certificates = x5c.map((b64) => new X509Certificate(Buffer.from(b64, 'base64')));
    const leaf = certificates[0];
    const generation = this.cas.generation;
    const path = this.cas.buildPath(certificates, true);
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
}
