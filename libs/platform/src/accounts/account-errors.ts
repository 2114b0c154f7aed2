import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { httpErrorBody } from '../http/http-errors';

/** Failed logins in a row before an account is locked, and for how long. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * The body of an account refusal: the common error body (with `violations`, the portals) or the
 * shorter one the hub's operator API has always answered (statusCode, error, message).
 */
export type AccountErrorStyle = 'common' | 'short';

function body(style: AccountErrorStyle, status: HttpStatus, error: string, message: string) {
  return style === 'common'
    ? httpErrorBody(status, error, [], message)
    : { statusCode: status, error, message };
}

export function badCredentials(style: AccountErrorStyle): UnauthorizedException {
  return new UnauthorizedException(
    body(style, HttpStatus.UNAUTHORIZED, 'Unauthorized', 'username or password is incorrect'),
  );
}

export function lockedException(style: AccountErrorStyle, until: Date | null): HttpException {
  const when = until ? `; try again after ${until.toISOString()}` : '; try again later';
  return new HttpException(
    {
      ...body(
        style,
        HttpStatus.LOCKED,
        'Locked',
        `account locked after ${LOCKOUT_THRESHOLD} failed logins${when}`,
      ),
      lockedUntil: until?.toISOString() ?? null,
    },
    HttpStatus.LOCKED,
  );
}
