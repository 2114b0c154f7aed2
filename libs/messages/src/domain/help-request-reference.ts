import { createHash } from 'node:crypto';

/** Symbols without look-alikes (no 0/O, 1/I/L, U): easy to read out on the phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const BASE = BigInt(ALPHABET.length);

export const HELP_REQUEST_REFERENCE_PATTERN = /^PK-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

/**
 * The number a resident is shown after pressing the Pauzeknop and that the municipality's case
 * worker finds the request by ("PK-7KQ2-M9XD"). Derived from the HelpRequest's messageId, so the hub
 * and the municipality name the request alike without a field in the message (DESIGN §11 has
 * none): 8 symbols of 30 from the id's SHA-256, about 39 bits, so it cannot be guessed from outside.
 */
export function helpRequestReference(messageId: string): string {
  let n = createHash('sha256').update(messageId).digest().readBigUInt64BE(0);
  const symbols: string[] = [];
  for (let i = 0; i < 8; i++) {
    symbols.push(ALPHABET[Number(n % BASE)]);
    n /= BASE;
  }
  return `PK-${symbols.slice(0, 4).join('')}-${symbols.slice(4).join('')}`;
}
