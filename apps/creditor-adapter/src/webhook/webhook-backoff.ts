export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * Delay before the next attempt after `failedAttempts` failures: base, 2×base, 4×base, … capped at
 * maxDelayMs; `null` once maxAttempts have failed (the delivery is given up and kept for an operator).
 */
export function nextRetryDelayMs(failedAttempts: number, options: BackoffOptions): number | null {
  if (failedAttempts >= options.maxAttempts) {
    return null;
  }
  const exponent = Math.max(0, failedAttempts - 1);
  // 2^exponent overflows to Infinity long after the cap; Math.min keeps the result finite.
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
}
