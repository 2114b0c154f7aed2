import { X509Certificate } from 'node:crypto';
import { splitPemCertificates } from './certificate';
import {
  allowsSigning,
  certificateFacts,
  CertificateFacts,
  SIGNING_KEY_USAGE_RULE,
} from './certificate-extensions';
import { CrlIssuer } from './revocation-registry';

export interface ChainFailure {
  code: 'CERTIFICATE_UNTRUSTED' | 'CERTIFICATE_EXPIRED';
  reason: string;
}

interface KnownCa {
  certificate: X509Certificate;
  facts: CertificateFacts;
  name: string;
  anchor: boolean;
  /** this CA up to and including its anchor */
  chain: X509Certificate[];
}

/** What the trust store hears of the CAs it learns, to log them and re-match pending CRLs. */
export interface KnownCasListener {
  learned(name: string): void;
  /** after one path's CAs were learned: the set of possible CRL issuers changed */
  changed(): void;
}

const MAX_CHAIN_LENGTH = 8;
const MAX_CACHED_LINKS = 10_000;

export const untrusted = (reason: string): ChainFailure => ({ code: 'CERTIFICATE_UNTRUSTED', reason });
export const oneLine = (name: string): string => name.split('\n').filter(Boolean).join(', ');

/**
 * The CAs a trust store knows (anchors, configured intermediates, intermediates learned from a
 * verified x5c) and the path building over them: signature, CA constraints, key usage and path
 * length. Signature links are cached per certificate pair.
 */
export class KnownCas {
  /** by fingerprint256 */
  private readonly cas = new Map<string, KnownCa>();
  /** by subject (as X509Certificate prints it), to find an issuer quickly */
  private readonly casBySubject = new Map<string, KnownCa[]>();
  /** verified signature links child→issuer by fingerprints */
  private readonly links = new Map<string, boolean>();
  private currentGeneration = 0;

  constructor(
    anchors: X509Certificate[],
    private readonly listener: KnownCasListener,
  ) {
    for (const anchor of anchors) {
      this.remember({
        certificate: anchor,
        facts: certificateFacts(anchor),
        name: oneLine(anchor.subject),
        anchor: true,
        chain: [anchor],
      });
    }
  }

  get size(): number {
    return this.cas.size;
  }

  /** Grows when a CA is learned: a failed verdict from an older generation may succeed now. */
  get generation(): number {
    return this.currentGeneration;
  }

  crlIssuers(): CrlIssuer[] {
    return [...this.cas.values()].map((ca) => ({
      keyId: ca.facts.keyId,
      subjectDer: ca.facts.subjectDer,
      publicKey: ca.certificate.publicKey,
      name: ca.name,
      mayIssueCrls: ca.facts.keyUsage === undefined || ca.facts.keyUsage.has('cRLSign'),
    }));
  }

  /** Configured intermediates, in any order; each must chain to an anchor (a configuration error otherwise). */
  addIntermediates(pems: string[]): void {
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

  /**
   * Walks from the first certificate to an anchor: through known CAs first, then through the
   * other certificates given (x5c). `signer`: the first is a signing leaf and needs its key usage.
   * Intermediates of a valid path become known CAs.
   */
  buildPath(certificates: X509Certificate[], signer: boolean): X509Certificate[] | ChainFailure {
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

  private remember(ca: KnownCa): void {
    this.cas.set(ca.certificate.fingerprint256, ca);
    const sameSubject = this.casBySubject.get(ca.certificate.subject) ?? [];
    sameSubject.push(ca);
    this.casBySubject.set(ca.certificate.subject, sameSubject);
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

  /** Remembers the CAs of a verified path (all but the anchor) and tells the listener. */
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
        this.listener.learned(name);
        learned = true;
      }
    });
    if (learned) {
      this.currentGeneration += 1;
      this.listener.changed();
    }
  }
}
