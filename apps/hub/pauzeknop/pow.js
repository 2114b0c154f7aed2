// The Pauzeknop's proof-of-work in the browser: find a nonce such that SHA-256(`<challenge>:<nonce>`)
// starts with `bits` zero bits. Web Crypto, in small slices, so the page stays responsive.

const SLICE = 200;

function zeroBits(bytes) {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Resolves to the nonce (base 36, as the hub reads it). */
export async function solveChallenge(challenge, bits) {
  const encoder = new TextEncoder();
  for (let n = 0; ; n += SLICE) {
    for (let i = n; i < n + SLICE; i++) {
      const nonce = i.toString(36);
      const digest = await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${nonce}`));
      if (zeroBits(new Uint8Array(digest)) >= bits) {
        return nonce;
      }
    }
    await pause();
  }
}
