import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Type, mixin } from '@nestjs/common';
import { unsupportedMediaType } from '@skp/platform';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

export type BodyKind = 'json' | 'xml' | 'csv';

const MEDIA_TYPES: Record<BodyKind, string> = {
  json: 'application/json',
  xml: 'application/xml',
  csv: 'text/csv',
};

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
    throw unsupportedMediaType(`content type must be ${accepted.map((k) => MEDIA_TYPES[k]).join(' or ')}`);
  }
  return kind;
}

/** The raw text of an XML or CSV body ('' when there was none). */
export function textOf(body: unknown): string {
  return typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
}

/**
 * 415 for a body of another media type, before the ValidationPipe sees it: a typed `@Body()`
 * is only ever checked against the rules when it arrived in a form the route takes.
 */
export function AcceptBody(...accepted: BodyKind[]): Type<NestInterceptor> {
  @Injectable()
  class AcceptBodyInterceptor implements NestInterceptor {
    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      requireBodyKind(context.switchToHttp().getRequest<Request>(), accepted);
      return next.handle();
    }
  }
  return mixin(AcceptBodyInterceptor);
}
