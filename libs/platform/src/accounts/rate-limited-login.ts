import type { Request, Response } from 'express';
import { tooManyLoginsException } from '../auth/login-rate-limiter';
import type { AccountAuth, LoginResult } from './account-auth';
import type { LoginDto } from './dto/login.dto';

/**
 * The body of a `POST …/login` handler: counts the attempt against the client address (429 with
 * Retry-After when too many), then logs in.
 */
export async function rateLimitedLogin<R extends string>(
  auth: AccountAuth<R>,
  dto: LoginDto,
  request: Request,
  response: Response,
): Promise<LoginResult<R>> {
  // request.ip is the socket's address, or X-Forwarded-For only from a proxy in TRUST_PROXY
  const retryAfter = await auth.countLoginAttempt(request.ip ?? 'unknown');
  if (retryAfter !== null) {
    response.setHeader('Retry-After', String(retryAfter));
    throw tooManyLoginsException(retryAfter);
  }
  return auth.login(dto.username, dto.password);
}
