import { createHash, KeyObject } from 'node:crypto';
import { basename } from 'node:path';
import { readRevocationList, revocationListSignedBy, splitPemCrls, UnverifiedRevocationList } from './crl';

/** What a stale CRL (past its nextUpdate) means for certificates of its CA. */
export type CrlStalePolicy = 'warn' | 'fail';

/** Something the trust store wants logged; never carries personal data (CA names and file names only). */
export interface TrustEvent {
  level: 'info' | 'warn' | 'error';
  event: string;
  message: string;
  /** the CA's subject, when the event is about one */
  ca?: string;
  /** the CRL file's name, when the event is about one */
  source?: string;
}

/** A CA certificate the store trusts, as a possible CRL signer. */
export interface CrlIssuer {
  keyId: string;
  subjectDer: Buffer;
  publicKey: KeyObject;
  name: string;
  /** keyUsage absent or including cRLSign */
  mayIssueCrls: boolean;
}

/** The CRL currently applied to the certificates a CA key issued. */
export interface RevocationListInForce {
  ca: string;
  revokedSerials: Set<string>;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  source: string;
}

interface LoadedCrl {
  crl: UnverifiedRevocationList;
  /** the issuing CA's key id once the signature verified; undefined while pending */
  issuer?: CrlIssuer;
}

interface CrlSource {
  name: string;
  read: () => string;
  contentHash?: string;
  /** the last good content of this source (kept when a later read fails) */
  loaded: LoadedCrl[];
  error?: string;
}

export function isStale(list: Pick<RevocationListInForce, 'nextUpdate'>, now: Date): boolean {
  return list.nextUpdate !== undefined && now.getTime() > list.nextUpdate.getTime();
}

/**
 * Revocation lists of every CA the trust store knows, anchors and intermediates alike. A CRL is
 * applied once a known CA's key verifies its signature; until then it waits (pending). Sources are
 * re-read by `reload()`; a source that cannot be read or parsed keeps its previous good CRLs.
 */
export class RevocationRegistry {
  private readonly sources: CrlSource[] = [];
  private inForce = new Map<string, RevocationListInForce>();

  constructor(private readonly emit: (event: TrustEvent) => void) {}

  addSource(name: string, read: () => string): void {
    this.sources.push({ name, read, loaded: [] });
  }

  get sourceCount(): number {
    return this.sources.length;
  }

  /** The CRL in force for certificates issued by the CA key `keyId`. */
  lookup(keyId: string): RevocationListInForce | undefined {
    return this.inForce.get(keyId);
  }

  /** Re-reads every source; unchanged content is not parsed again. Never throws. */
  reload(issuers: CrlIssuer[]): void {
    for (const source of this.sources) {
      let content: string;
      let blocks: UnverifiedRevocationList[];
      let resolved: LoadedCrl[];
      try {
        content = source.read();
        const hash = createHash('sha256').update(content).digest('hex');
        if (hash === source.contentHash && !source.error) {
          continue;
        }
        const pems = splitPemCrls(content);
        if (pems.length === 0) {
          throw new Error('no PEM X509 CRL in it');
        }
        blocks = pems.map(readRevocationList);
        resolved = blocks.map((crl) => ({ crl, issuer: findIssuer(crl, issuers) }));
        const forged = resolved.find(
          ({ crl, issuer }) => !issuer && issuers.some((known) => known.subjectDer.equals(crl.issuerDer)),
        );
        if (forged) {
          // a known CA's name without its signature: damaged or forged, never a reason to drop revocations
          throw new Error(`signature does not verify with the key of ${forged.crl.issuerName}`);
        }
        source.contentHash = hash;
      } catch (error) {
        // a file system error names the full path; /health is public, so only its code is kept
        const code = (error as NodeJS.ErrnoException).code;
        const reason = code
          ? `cannot read the file (${code})`
          : error instanceof Error
            ? error.message
            : String(error);
        if (source.error !== reason) {
          this.emit({
            level: 'error',
            event: 'crl.unreadable',
            source: source.name,
            message: `CRL file ${source.name} could not be loaded (${reason}); ${
              source.loaded.length > 0 ? 'its previous CRL stays in force' : 'no CRL from it is in force'
            }`,
          });
        }
        source.error = reason;
        continue;
      }
      source.error = undefined;
      // a CA's CRL that vanished from the file stays in force (until it goes stale): revocations
      // never silently disappear because a file was damaged or replaced by mistake
      const retained = source.loaded.filter(
        (old) => old.issuer && !resolved.some((l) => l.issuer?.keyId === old.issuer?.keyId),
      );
      for (const { issuer } of retained) {
        this.emit({
          level: 'warn',
          event: 'crl.retained',
          source: source.name,
          ca: issuer?.name,
          message: `CRL file ${source.name} no longer holds a CRL of ${issuer?.name}; the previous one stays in force`,
        });
      }
      source.loaded = [...resolved, ...retained];
      for (const loaded of resolved) {
        this.announce(source, loaded, 'loaded');
      }
    }
    this.rebuild();
  }

  /** Tries pending CRLs again now that more CAs are known. */
  issuersChanged(issuers: CrlIssuer[]): void {
    let applied = false;
    for (const source of this.sources) {
      for (const loaded of source.loaded.filter((l) => !l.issuer)) {
        loaded.issuer = findIssuer(loaded.crl, issuers);
        if (loaded.issuer) {
          applied = true;
          this.announce(source, loaded, 'applied');
        }
      }
    }
    if (applied) {
      this.rebuild();
    }
  }

  /** Warnings for /health (no personal data) and the lists in force. */
  status(now: Date, policy: CrlStalePolicy): { warnings: string[]; lists: RevocationListInForce[] } {
    const warnings: string[] = [];
    for (const source of this.sources) {
      if (source.error) {
        warnings.push(`CRL file ${source.name} could not be loaded: ${source.error}`);
      }
      for (const loaded of source.loaded.filter((l) => !l.issuer)) {
        warnings.push(
          `CRL of ${loaded.crl.issuerName} (${source.name}) is pending: its issuing CA is not known yet`,
        );
      }
    }
    const lists = [...this.inForce.values()];
    for (const list of lists.filter((l) => isStale(l, now))) {
      warnings.push(
        `CRL of ${list.ca} is stale (nextUpdate ${list.nextUpdate?.toISOString()})${
          policy === 'fail' ? '; certificates issued by this CA are refused until a fresh CRL is loaded' : ''
        }`,
      );
    }
    return { warnings, lists };
  }

  private announce(source: CrlSource, loaded: LoadedCrl, how: 'loaded' | 'applied'): void {
    const { crl, issuer } = loaded;
    if (!issuer) {
      this.emit({
        level: 'warn',
        event: 'crl.pending',
        source: source.name,
        ca: crl.issuerName,
        message: `CRL of ${crl.issuerName} is pending until its issuing CA is known (configured in TRUST_INTERMEDIATES or seen in a verified x5c)`,
      });
      return;
    }
    this.emit({
      level: how === 'applied' ? 'warn' : 'info',
      event: how === 'applied' ? 'crl.applied' : 'crl.loaded',
      source: source.name,
      ca: issuer.name,
      message: `CRL of ${issuer.name} ${how === 'applied' ? 'applied now that its CA is known' : 'loaded'} (${
        crl.revokedSerials.size
      } revoked, nextUpdate ${crl.nextUpdate?.toISOString() ?? 'none'})`,
    });
  }

  /** Per CA key, the newest CRL (by thisUpdate) of all sources. */
  private rebuild(): void {
    const next = new Map<string, RevocationListInForce>();
    for (const source of this.sources) {
      for (const { crl, issuer } of source.loaded) {
        const current = issuer && next.get(issuer.keyId);
        if (issuer && (!current || current.thisUpdate < crl.thisUpdate)) {
          next.set(issuer.keyId, {
            ca: issuer.name,
            revokedSerials: crl.revokedSerials,
            thisUpdate: crl.thisUpdate,
            nextUpdate: crl.nextUpdate,
            source: source.name,
          });
        }
      }
    }
    this.inForce = next;
  }
}

/** The known CA whose key signed the CRL; CAs whose subject is the CRL's issuer are tried first. */
function findIssuer(crl: UnverifiedRevocationList, issuers: CrlIssuer[]): CrlIssuer | undefined {
  const candidates = issuers.filter((issuer) => issuer.mayIssueCrls);
  const byName = candidates.filter((issuer) => issuer.subjectDer.equals(crl.issuerDer));
  const others = candidates.filter((issuer) => !byName.includes(issuer));
  return [...byName, ...others].find((issuer) => revocationListSignedBy(crl, issuer.publicKey));
}

/** A CRL source name for logs and /health: the file name, not the full path. */
export function crlSourceName(path: string): string {
  return basename(path);
}
