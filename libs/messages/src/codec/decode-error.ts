import { Violation } from '../validation/violation';

export type DecodeErrorCode = 'MALFORMED' | 'TOO_LARGE' | 'SCHEMA_INVALID';

/** The only error `decode` throws; `code` maps one-to-one onto a REJECTED receipt's reasonCode. */
export class MessageDecodeError extends Error {
  override readonly name = 'MessageDecodeError';

  constructor(
    readonly code: DecodeErrorCode,
    readonly violations: Violation[],
    message = `${code}: ${violations.map((v) => v.message).join('; ') || 'message rejected'}`,
    /**
     * SCHEMA_INVALID only: the document as parsed (plain objects, no prototype-reaching keys, within
     * the nesting limit), so a receiver can still check its signature and tell a verified sender why.
     * Never trusted as a message.
     */
    readonly parsed?: unknown,
  ) {
    super(message);
  }
}
