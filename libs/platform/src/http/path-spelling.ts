import type { NextFunction, Request, Response } from 'express';
import { httpErrorBody } from './http-errors';

/** Percent-encodings of characters that never need encoding in a path (RFC 3986 unreserved), or of separators. */
const ENCODED_PLAIN_OR_SEPARATOR = /%(?:[46][1-9a-f]|[57][0-9a]|3[0-9]|2[def]|5f|7e|5c|25)/i;

/**
 * Why a request path is spelled oddly, or null when it is plain. Odd spellings are the ones an
 * attacker uses to make a path look different to a guard than to the router: a percent-encoded
 * letter (`/%61pi`), an encoded slash, dot or backslash, an empty segment (`//api`), a backslash,
 * a `.` or `..` segment or a segment ending in a dot (`/api/messages.`), and control characters.
 */
export function oddPathReason(rawPath: string): string | null {
  if (!rawPath.startsWith('/')) {
    return 'the path must start with /';
  }
  if (ENCODED_PLAIN_OR_SEPARATOR.test(rawPath)) {
    return 'the path must not percent-encode letters, digits, "-", ".", "_", "~", "/", "\\" or "%"';
  }
  if (rawPath.includes('\\') || /%5c/i.test(rawPath)) {
    return 'the path must not contain a backslash';
  }
  if (/[\u0000-\u001f\u007f]|%[01][0-9a-f]|%7f/i.test(rawPath)) {
    return 'the path must not contain control characters';
  }
  if (rawPath.includes('//')) {
    return 'the path must not contain an empty segment (//)';
  }
  if (rawPath.split('/').some((segment) => segment.endsWith('.'))) {
    return 'no path segment may be "." or ".." or end in a dot';
  }
  return null;
}

/**
 * Refuses oddly spelled paths with 400 before any routing or guard sees them, so the router,
 * the guards and the audit all see one spelling of a path. Runs first on every app.
 */
export function refuseOddPaths(request: Request, response: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url;
  const queryAt = url.indexOf('?');
  const reason = oddPathReason(queryAt === -1 ? url : url.slice(0, queryAt));
  if (!reason) {
    next();
    return;
  }
  response
    .status(400)
    .type('application/json')
    .send(JSON.stringify(httpErrorBody(400, 'Bad Request', [], reason)));
}
