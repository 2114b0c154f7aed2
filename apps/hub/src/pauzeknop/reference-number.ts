import { randomInt } from 'node:crypto';

/**
 * The reference a resident is shown ("PK-7KQ2-M9XD"): random, not derived from the messageId, in
 * an alphabet without look-alikes (no 0/O, 1/I/L, U), 8 symbols of 30: about 39 bits, so it cannot
 * be guessed, and short enough to read out on the phone.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

export const REFERENCE_PATTERN = /^PK-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/;

export function newReferenceNumber(): string {
  const symbols = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `PK-${symbols.slice(0, 4).join('')}-${symbols.slice(4).join('')}`;
}
