import { ExecutionContext, HttpException } from '@nestjs/common';
import type { HubEnv } from '../config/hub.env';
import { PauzeknopRateLimitGuard } from './pauzeknop-rate-limit.guard';

function contextFor(ip: string, headers: Record<string, string>): ExecutionContext {
  return {
    switchToHttp: () => ({
      getRequest: () => ({ ip }),
      getResponse: () => ({ setHeader: (name: string, value: string) => (headers[name] = value) }),
    }),
  } as unknown as ExecutionContext;
}

describe('Pauzeknop rate limit per client address', () => {
  const env = { HUB_PAUZEKNOP_RATE_LIMIT: 5, HUB_PAUZEKNOP_RATE_WINDOW_MINUTES: 10 } as HubEnv;

  it('lets 5 requests through, then refuses with 429 and Retry-After; another address is not affected', () => {
    const guard = new PauzeknopRateLimitGuard(env);
    const headers: Record<string, string> = {};
    for (let i = 0; i < 5; i++) {
      expect(guard.canActivate(contextFor('10.0.0.1', headers))).toBe(true);
    }
    let refused: HttpException | undefined;
    try {
      guard.canActivate(contextFor('10.0.0.1', headers));
    } catch (error) {
      refused = error as HttpException;
    }
    expect(refused?.getStatus()).toBe(429);
    expect(refused?.getResponse()).toMatchObject({ statusCode: 429, violations: [] });
    const retryAfter = Number(headers['Retry-After']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(guard.canActivate(contextFor('10.0.0.2', {}))).toBe(true);
  });
});
