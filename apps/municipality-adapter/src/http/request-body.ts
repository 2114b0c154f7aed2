import { unsupportedMediaType } from '@skp/platform';
import type { Request } from 'express';

export type BodyKind = 'json' | 'xml' | 'csv';

/** The request's media type, or 415 when it is not one of `accepted`. */
export function requireBodyKind(request: Request, accepted: BodyKind[]): BodyKind {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const kind: BodyKind | undefined =
    type === 'application/json'
      ? 'json'
      : type === 'application/xml' || type === 'text/xml'
        ? 'xml'
        : type === 'text/csv'
          ? 'csv'
          : undefined;
  if (!kind || !accepted.includes(kind)) {
    const names = { json: 'application/json', xml: 'application/xml', csv: 'text/csv' };
    throw unsupportedMediaType(`content type must be ${accepted.map((k) => names[k]).join(' or ')}`);
  }
  return kind;
}

/** The raw text body of an XML or CSV request ('' when there was none). */
export function textBody(request: Request): string {
  const body: unknown = request.body;
  return typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
}
