import {
  createDetachedJws,
  JwsAlgorithm,
  JwsFormatError,
  parseDetachedJws,
  verifyDetachedJwsSignature,
} from './jws';
import { SigningIdentity, x5cOf } from './signing-identity';
import { TrustStore } from './trust-store';

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
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: error instanceof JwsFormatError ? error.message : 'malformed JWS',
    };
  }
  let chain;
  try {
    chain = trust.resolveChain(parsed.header.x5c);
  } catch {
    return { ok: false, code: 'SIGNATURE_INVALID', reason: 'x5c certificate unreadable' };
  }
  if (!verifyDetachedJwsSignature(parsed, payload, chain.leafPublicKey)) {
    return { ok: false, code: 'SIGNATURE_INVALID', reason: 'signature does not match the message' };
  }
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
    alg: parsed.header.alg,
    leaf: {
      pem: chain.leafPem,
      sha256: chain.leafSha256,
      notAfter: new Date(chain.leaf.validTo),
      subject: chain.leaf.subject.split('\n').filter(Boolean).join(', '),
    },
  };
}
