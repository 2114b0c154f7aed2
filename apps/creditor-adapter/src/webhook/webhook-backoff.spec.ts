import { nextRetryDelayMs } from './webhook-backoff';

describe('webhook backoff', () => {
  const options = { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 10 };

  it('doubles the delay after each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => nextRetryDelayMs(n, options))).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000,
    ]);
  });

  it('never waits longer than the maximum delay', () => {
    expect(nextRetryDelayMs(7, options)).toBe(60_000);
    expect(nextRetryDelayMs(9, options)).toBe(60_000);
    expect(nextRetryDelayMs(5000, { ...options, maxAttempts: 10_000 })).toBe(60_000);
  });

  it('gives up after the maximum number of attempts', () => {
    expect(nextRetryDelayMs(10, options)).toBeNull();
    expect(nextRetryDelayMs(11, options)).toBeNull();
    expect(nextRetryDelayMs(1, { ...options, maxAttempts: 1 })).toBeNull();
  });
});
