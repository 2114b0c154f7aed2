import { ForbiddenException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { httpErrorBody } from '../http/http-errors';

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
