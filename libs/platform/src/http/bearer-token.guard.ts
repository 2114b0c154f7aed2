import { CanActivate, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import { isPublicRoute } from './public-route';

/** Compares digests so the comparison takes the same time whatever the length of the guess. */
export function tokensMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * An adapter's API guard, registered globally (APP_GUARD): every route needs the configured
 * bearer token unless it is marked @Public(). Deny by default: a new route is protected without
 * anyone remembering to add a guard to it.
 */
export class BearerTokenGuard implements CanActivate {
  constructor(
    private readonly expectedToken: string,
    private readonly reflector: Reflector = new Reflector(),
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http' || isPublicRoute(this.reflector, context)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer (.+)$/i.exec(header);
    if (!match || !tokensMatch(match[1], this.expectedToken)) {
      throw new UnauthorizedException({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'a valid bearer token is required',
      });
    }
    return true;
  }
}
