import { ForbiddenException, HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { httpErrorBody } from '../http/http-errors';

/** Failed logins in a row before an account is locked, and for how long (as the hub). */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

export function badCredentials(): UnauthorizedException {
  return new UnauthorizedException(
    httpErrorBody(HttpStatus.UNAUTHORIZED, 'Unauthorized', [], 'username or password is incorrect'),
  );
}

export function lockedException(until: Date | null): HttpException {
  const when = until ? `; try again after ${until.toISOString()}` : '; try again later';
  return new HttpException(
    {
      ...httpErrorBody(
        HttpStatus.LOCKED,
        'Locked',
        [],
        `account locked after ${LOCKOUT_THRESHOLD} failed logins${when}`,
      ),
      lockedUntil: until?.toISOString() ?? null,
    },
    HttpStatus.LOCKED,
  );
}

export function loginRequired(withToken: boolean): UnauthorizedException {
  return new UnauthorizedException(
    httpErrorBody(
      HttpStatus.UNAUTHORIZED,
      'Unauthorized',
      [],
      withToken ? 'session expired or unknown; log in again' : 'login required',
    ),
  );
}

export function forbidden(message: string): ForbiddenException {
  return new ForbiddenException(httpErrorBody(HttpStatus.FORBIDDEN, 'Forbidden', [], message));
}
