/** A registered route as the router knows it: method and path pattern (`/api/parties/:oin`). */
export interface RoutePattern {
  method: string;
  path: string;
}

/**
 * The path as the attacker probably meant it: decoded, lower case, one slash between segments,
 * no trailing slash, backslash or dots. Only used to name the route a refused request aimed at.
 */
export function looselyNormalised(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // keep the raw text
  }
  const segments = decoded
    .toLowerCase()
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => segment.replace(/\.+$/, ''))
    .filter((segment) => segment.length > 0);
  return `/${segments.join('/')}`;
}

/**
 * The pattern of the route a path matches once spelled loosely (case, encoding, slashes and dots
 * ignored), or null. Parameters match any one segment; the pattern, not the path, is what the
 * audit keeps, so an id or a mistyped BSN in a URL never reaches the log.
 */
export function matchRoutePattern(routes: RoutePattern[], method: string, path: string): RoutePattern | null {
  const wanted = looselyNormalised(path).split('/');
  const candidates = routes.filter((route) => route.method === method || route.method === '_ALL');
  for (const route of candidates) {
    const pattern = route.path.split('/');
    if (
      pattern.length === wanted.length &&
      pattern.every((part, i) => part.startsWith(':') || part.toLowerCase() === wanted[i])
    ) {
      return route;
    }
  }
  return null;
}
