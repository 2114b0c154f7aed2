import { LoginRateLimiter } from './login-rate-limiter';

describe('LoginRateLimiter', () => {
  it('allows the limit per address per window, then says how long to wait', () => {
    const limiter = new LoginRateLimiter(3, 60_000);
    const t0 = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('203.0.113.1', t0))).toEqual([null, null, null]);
    expect(limiter.take('203.0.113.1', t0 + 10_000)).toBe(50);
    expect(limiter.take('203.0.113.2', t0 + 10_000)).toBeNull();
    expect(limiter.take('203.0.113.1', t0 + 60_001)).toBeNull();
  });
});
