import { constants, createHash, KeyObject, sign, verify } from 'node:crypto';

/** The only algorithms a message signature may use (DESIGN §4). */
export const JWS_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];
export const JWS_TYPE = 'skp+jws';

export interface SkpProtectedHeader {
  alg: JwsAlgorithm;
  typ: typeof JWS_TYPE;
  /** signer chain, leaf first, standard base64 DER */
  x5c: string[];
  'x5t#S256': string;
}

/** What createDetachedJws needs from a signing identity. */
export interface JwsSigner {
  privateKey: KeyObject;
  alg: JwsAlgorithm;
  /** base64 DER of each certificate, leaf first */
  x5c: string[];
}

export interface ParsedDetachedJws {
  header: SkpProtectedHeader;
  encodedHeader: string;
  signature: Buffer;
}

export class JwsFormatError extends Error {}

export function isJwsAlgorithm(value: unknown): value is JwsAlgorithm {
  return typeof value === 'string' && (JWS_ALGORITHMS as readonly string[]).includes(value);
}

export function x5tS256(leafDer: Buffer): string {
  return createHash('sha256').update(leafDer).digest('base64url');
}

/** JWS signing input (RFC 7515 §5.1): the payload is encoded even though it is not transmitted. */
function signingBytes(encodedHeader: string, payload: string): Buffer {
  return Buffer.from(`${encodedHeader}.${Buffer.from(payload, 'utf8').toString('base64url')}`, 'ascii');
}

function keyOptions(alg: JwsAlgorithm, key: KeyObject) {
  switch (alg) {
    case 'RS256':
      return { key, padding: constants.RSA_PKCS1_PADDING };
    case 'PS256':
      // RFC 7518 §3.5: salt length equals the hash length
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
    case 'ES256':
      // JOSE wants raw r||s, not the DER that OpenSSL produces by default
      return { key, dsaEncoding: 'ieee-p1363' as const };
  }
}

/** Whether a key can be used with an algorithm; refuses e.g. an EC key under RS256 or RSA < 2048 bits. */
export function keyFitsAlgorithm(alg: JwsAlgorithm, key: KeyObject): boolean {
  const details = key.asymmetricKeyDetails;
  if (alg === 'ES256') {
    return key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1';
  }
  return key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048;
}

/**
 * The encoded protected header of each signer's chain and algorithm, made once: a signer signs with
 * the same header every time, and the chain is the bulk of it (base64 of base64 DER, and a hash of
 * the leaf). Keyed by the x5c array itself, so a new identity (a renewed certificate) gets its own.
 */
const encodedHeaders = new WeakMap<readonly string[], Map<string, string>>();

function encodedHeaderOf(signer: JwsSigner): string {
  let byAlg = encodedHeaders.get(signer.x5c);
  if (!byAlg) {
    byAlg = new Map();
    encodedHeaders.set(signer.x5c, byAlg);
  }
  let encoded = byAlg.get(signer.alg);
  if (encoded === undefined) {
    const header: SkpProtectedHeader = {
      alg: signer.alg,
      typ: JWS_TYPE,
      x5c: signer.x5c,
      'x5t#S256': x5tS256(Buffer.from(signer.x5c[0], 'base64')),
    };
    encoded = Buffer.from(JSON.stringify(header), 'utf8').toString('base64url');
    byAlg.set(signer.alg, encoded);
  }
  return encoded;
}

/** Keys already found to fit an algorithm (the check reads the key's details, an object made per call). */
const fittingKeys = new WeakMap<KeyObject, JwsAlgorithm>();

/** Compact JWS with detached payload: `<protected>..<signature>`. Native crypto only. */
export function createDetachedJws(payload: string, signer: JwsSigner): string {
  if (fittingKeys.get(signer.privateKey) !== signer.alg) {
    if (!keyFitsAlgorithm(signer.alg, signer.privateKey)) {
      throw new Error(`createDetachedJws: key does not fit ${signer.alg}`);
    }
    fittingKeys.set(signer.privateKey, signer.alg);
  }
  if (signer.x5c.length === 0) {
    throw new Error('createDetachedJws: x5c must hold at least the signer certificate');
  }
  const encodedHeader = encodedHeaderOf(signer);
  const signature = sign(
    'sha256',
    signingBytes(encodedHeader, payload),
    keyOptions(signer.alg, signer.privateKey),
  );
  return `${encodedHeader}..${signature.toString('base64url')}`;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses and checks the structure of a detached JWS; throws JwsFormatError with a short reason. */
export function parseDetachedJws(jws: unknown): ParsedDetachedJws {
  if (typeof jws !== 'string') {
    throw new JwsFormatError('signature is not a string');
  }
  const parts = jws.split('.');
  if (parts.length !== 3) {
    throw new JwsFormatError('signature is not a compact JWS');
  }
  const [encodedHeader, payload, encodedSignature] = parts;
  if (payload !== '') {
    throw new JwsFormatError('JWS payload must be detached');
  }
  if (!BASE64URL.test(encodedHeader) || !BASE64URL.test(encodedSignature)) {
    throw new JwsFormatError('JWS is not base64url');
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new JwsFormatError('JWS header is not JSON');
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new JwsFormatError('JWS header is not an object');
  }
  if (header.typ !== JWS_TYPE) {
    throw new JwsFormatError(`JWS typ must be ${JWS_TYPE}`);
  }
  if (!isJwsAlgorithm(header.alg)) {
    throw new JwsFormatError('JWS alg not allowed');
  }
  if ('crit' in header || header.b64 === false) {
    throw new JwsFormatError('JWS crit/b64 extensions are not supported');
  }
  const x5c = header.x5c;
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string' && BASE64.test(c))) {
    throw new JwsFormatError('JWS x5c missing or malformed');
  }
  if (header['x5t#S256'] !== x5tS256(Buffer.from(x5c[0], 'base64'))) {
    throw new JwsFormatError('JWS x5t#S256 does not match the signer certificate');
  }
  return {
    header: header as unknown as SkpProtectedHeader,
    encodedHeader,
    signature: Buffer.from(encodedSignature, 'base64url'),
  };
}

/** Checks the signature of a parsed JWS over a detached payload with the signer's public key. */
export function verifyDetachedJwsSignature(
  jws: ParsedDetachedJws,
  payload: string,
  publicKey: KeyObject,
): boolean {
  const { alg } = jws.header;
  if (!keyFitsAlgorithm(alg, publicKey)) {
    return false;
  }
  if (alg === 'ES256' && jws.signature.length !== 64) {
    return false;
  }
  try {
    return verify(
      'sha256',
      signingBytes(jws.encodedHeader, payload),
      keyOptions(alg, publicKey),
      jws.signature,
    );
  } catch {
    return false;
  }
}
