import type { Request } from 'express';

/** The bearer token of a request (`Authorization: Bearer <token>`), if it has one. */
export function bearerTokenOf(request: Request): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Where a guard leaves who made a request (an operator, a portal user or the API token) for the
 * handlers, interceptors and audit after it; one slot per kind of principal.
 */
export function principalSlot<T>(): {
  attach: (request: Request, principal: T) => void;
  of: (request: Request) => T | undefined;
} {
  const principals = new WeakMap<Request, T>();
  return {
    attach: (request, principal) => void principals.set(request, principal),
    of: (request) => principals.get(request),
  };
}
