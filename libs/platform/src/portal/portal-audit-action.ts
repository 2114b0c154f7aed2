/**
 * The audit action of a request: its method and the route's pattern, e.g.
 * `POST /kennisgevingen/:caseReference/progress`. The pattern, never the raw path: a path may
 * hold anything a user typed.
 */
export function auditActionName(method: string, routePath: string): string {
  const path = routePath.startsWith('/') ? routePath : `/${routePath}`;
  return `${method.toUpperCase()} ${path.replace(/\/+$/, '') || '/'}`;
}

/** The target of a request: the value of the route's first parameter, if any (an id, not a body value). */
export function auditTargetOf(params: unknown): string | null {
  if (!params || typeof params !== 'object') {
    return null;
  }
  const first = Object.values(params as Record<string, unknown>)[0];
  return typeof first === 'string' && first.length > 0 ? first.slice(0, 300) : null;
}
