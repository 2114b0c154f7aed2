import { KeyObject, X509Certificate } from 'node:crypto';

const DEFAULT_MAX_KEYS = 1_000;

/**
 * Signer public keys read from x5c leaf certificates, cached by the certificate's base64 text.
 * Only the key: whether the certificate is trusted is the TrustStore's question, never this cache's.
 */
export class LeafKeyCache {
  private readonly keys = new Map<string, KeyObject>();

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  /** The public key of a base64 DER certificate; throws when the certificate cannot be read. */
  keyOf(leafBase64: string): KeyObject {
    let key = this.keys.get(leafBase64);
    if (!key) {
      // read exactly as TrustStore.resolveChain reads the leaf, so both fail on the same input
      key = new X509Certificate(Buffer.from(leafBase64, 'base64')).publicKey;
      if (this.keys.size >= this.maxKeys) {
        this.keys.delete(this.keys.keys().next().value as string);
      }
      this.keys.set(leafBase64, key);
    }
    return key;
  }
}
