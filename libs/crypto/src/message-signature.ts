import { MessageType, signingInput, SkpMessage, UnsignedMessage } from '@skp/messages';
import { signDetached, verifyDetached, VerifyOptions, VerifyResult } from './detached-signature';
import { SigningIdentity } from './signing-identity';
import { TrustStore } from './trust-store';

/** Signs a message: a detached JWS over the canonical JSON (RFC 8785) of `{header, body}`. */
export function signMessage<T extends MessageType>(
  message: UnsignedMessage<T>,
  identity: SigningIdentity,
): SkpMessage<T> {
  const signature = signDetached(signingInput(message as UnsignedMessage), identity);
  return { header: message.header, body: message.body, signature };
}

/** Verifies a message's signature, certificate chain and that the signer is `header.sender`. */
export function verifyMessage(
  message: SkpMessage,
  trust: TrustStore,
  options: VerifyOptions = {},
): VerifyResult {
  let payload: string;
  try {
    payload = signingInput(message);
  } catch {
    return { ok: false, code: 'SIGNATURE_INVALID', reason: 'message cannot be canonicalised' };
  }
  return verifyDetached(message.signature, payload, trust, message.header?.sender, options);
}
