import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { LoginRateLimiter, tooManyRequestsException } from '@skp/platform';
import type { Request, Response } from 'express';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';

/**
 * Pauzeknop requests per client address (default 5 per 10 minutes), counted before the body is
 * even read, so a flood of bad requests is slowed too. In each hub process's memory, as the login
 * limit is: the proof-of-work is the bound that holds across instances.
 */
@Injectable()
export class PauzeknopRateLimitGuard implements CanActivate {
  private readonly limiter: LoginRateLimiter;

  constructor(@Inject(HUB_ENV) env: HubEnv) {
    this.limiter = new LoginRateLimiter(
      env.HUB_PAUZEKNOP_RATE_LIMIT,
      env.HUB_PAUZEKNOP_RATE_WINDOW_MINUTES * 60_000,
    );
  }

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    // request.ip is the socket's address, or X-Forwarded-For only from a proxy in TRUST_PROXY
    const retryAfter = this.limiter.take(http.getRequest<Request>().ip ?? 'unknown');
    if (retryAfter === null) {
      return true;
    }
    http.getResponse<Response>().setHeader('Retry-After', String(retryAfter));
    throw tooManyRequestsException(retryAfter, 'requests');
  }
}
