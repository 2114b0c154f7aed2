import {
  createDetachedJws,
  JwsAlgorithm,
  JwsFormatError,
  parseDetachedJws,
  verifyDetachedJwsSignature,
} from './jws';
import { LeafKeyCache } from './leaf-keys';
import { SigningIdentity, x5cOf } from './signing-identity';
import { ResolvedChain, TrustStore } from './trust-store';

export type VerifyFailureCode =
  'SIGNATURE_INVALID' | 'CERTIFICATE_UNTRUSTED' | 'CERTIFICATE_EXPIRED' | 'SENDER_MISMATCH';

export type VerifyResult =
  | {
      ok: true;
      signerOin: string;
      alg: JwsAlgorithm;
      leaf: { pem: string; sha256: string; notAfter: Date; subject: string };
    }
  | { ok: false; code: VerifyFailureCode; reason: string };

export interface VerifyOptions {
  now?: Date;
}

/** x5c per identity, so signing many messages does not re-encode the chain each time. */
const x5cCache = new WeakMap<SigningIdentity, string[]>();

function cachedX5c(identity: SigningIdentity): string[] {
  let x5c = x5cCache.get(identity);
  if (!x5c) {
    x5c = x5cOf(identity);
    x5cCache.set(identity, x5c);
  }
  return x5c;
}

/** Signs any payload as a detached JWS with the identity (the message path passes signingInput). */
export function signDetached(payload: string, identity: SigningIdentity): string {
  return createDetachedJws(payload, {
    privateKey: identity.privateKey,
    alg: identity.alg,
    x5c: cachedX5c(identity),
  });
}

/**
 * Verifies a detached JWS over `payload`: structure, signature, chain to a trust anchor with
 * dates at `now`, and that the signer's OIN equals `expectedSigner` (when given).
 */
export function verifyDetached(
  jws: unknown,
  payload: string,
  trust: TrustStore,
  expectedSigner: string | undefined,
  options: VerifyOptions = {},
): VerifyResult {
  let parsed;
  try {
    parsed = parseDetachedJws(jws);
  } catch (error) {
    return unreadableJws(error);
  }
  let chain;
  try {
    chain = trust.resolveChain(parsed.header.x5c);
  } catch {
    return X5C_UNREADABLE;
  }
  if (!verifyDetachedJwsSignature(parsed, payload, chain.leafPublicKey)) {
    return SIGNATURE_MISMATCH;
  }
  return chainVerdict(chain, parsed.header.alg, trust, expectedSigner, options);
}

/**
 * The trust-free half of verifyDetached, for a worker thread: the JWS structure and the signature's
 * math with the leaf key read from x5c. Trust is decided by concludeVerification with the live
 * TrustStore; the two together give exactly verifyDetached's verdict.
 */
export type SignatureMath =
  | { ok: false; code: 'SIGNATURE_INVALID'; reason: string }
  | { ok: true; alg: JwsAlgorithm; x5c: string[]; matches: boolean };

export function checkSignatureMath(jws: unknown, payload: string, leafKeys: LeafKeyCache): SignatureMath {
  let parsed;
  try {
    parsed = parseDetachedJws(jws);
  } catch (error) {
    return unreadableJws(error);
  }
  let key;
  try {
    key = leafKeys.keyOf(parsed.header.x5c[0]);
  } catch {
    // resolveChain reads the same certificate the same way, so it would fail too
    return X5C_UNREADABLE;
  }
  const matches = verifyDetachedJwsSignature(parsed, payload, key);
  return { ok: true, alg: parsed.header.alg, x5c: parsed.header.x5c, matches };
}

/** The trust half: chain, revocation and dates at `now`, and the signer's OIN, in verifyDetached's order. */
export function concludeVerification(
  math: SignatureMath,
  trust: TrustStore,
  expectedSigner: string | undefined,
  options: VerifyOptions = {},
): VerifyResult {
  if (!math.ok) {
    return math;
  }
  let chain;
  try {
    chain = trust.resolveChain(math.x5c);
  } catch {
    return X5C_UNREADABLE;
  }
  if (!math.matches) {
    return SIGNATURE_MISMATCH;
  }
  return chainVerdict(chain, math.alg, trust, expectedSigner, options);
}

const X5C_UNREADABLE = {
  ok: false,
  code: 'SIGNATURE_INVALID',
  reason: 'x5c certificate unreadable',
} as const satisfies VerifyResult;

const SIGNATURE_MISMATCH = {
  ok: false,
  code: 'SIGNATURE_INVALID',
  reason: 'signature does not match the message',
} as const satisfies VerifyResult;

function unreadableJws(error: unknown): { ok: false; code: 'SIGNATURE_INVALID'; reason: string } {
  return {
    ok: false,
    code: 'SIGNATURE_INVALID',
    reason: error instanceof JwsFormatError ? error.message : 'malformed JWS',
  };
}

function chainVerdict(
  chain: ResolvedChain,
  alg: JwsAlgorithm,
  trust: TrustStore,
  expectedSigner: string | undefined,
  options: VerifyOptions,
): VerifyResult {
  const failure = trust.checkChain(chain, options.now);
  if (failure) {
    return { ok: false, ...failure };
  }
  if (!chain.leafOin) {
    return { ok: false, code: 'SENDER_MISMATCH', reason: 'certificate carries no OIN' };
  }
  if (expectedSigner !== undefined && chain.leafOin !== expectedSigner) {
    return { ok: false, code: 'SENDER_MISMATCH', reason: 'certificate OIN differs from header.sender' };
  }
  return {
    ok: true,
    signerOin: chain.leafOin,
    alg,
    leaf: {
      pem: chain.leafPem,
      sha256: chain.leafSha256,
      notAfter: new Date(chain.leaf.validTo),
      subject: chain.leaf.subject.split('\n').filter(Boolean).join(', '),
    },
  };
}
