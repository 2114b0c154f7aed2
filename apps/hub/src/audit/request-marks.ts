import type { Request } from 'express';

const REACHED_HANDLER = Symbol('skp:reached-handler');
const REFUSED_ACTION = Symbol('skp:refused-action');

type Marked = Request & { [REACHED_HANDLER]?: true; [REFUSED_ACTION]?: string };

/** The request got past the guard: its handler (or the audit interceptor) audits it. */
export function markReachedHandler(request: Request): void {
  (request as Marked)[REACHED_HANDLER] = true;
}

export function reachedHandler(request: Request): boolean {
  return (request as Marked)[REACHED_HANDLER] === true;
}

/** The audit action of the route the guard refused, for the refusal's audit row. */
export function markRefusedAction(request: Request, action: string): void {
  (request as Marked)[REFUSED_ACTION] = action;
}

export function refusedActionOf(request: Request): string | undefined {
  return (request as Marked)[REFUSED_ACTION];
}
