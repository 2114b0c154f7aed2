import type { NextFunction, Request, Response } from 'express';

/** Scripts, styles and data only from the app itself; nothing inline, no plug-ins, no framing. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Swagger UI (/docs) carries one inline style block; it gets that and nothing more. */
const DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
  "style-src 'self'",
  "style-src 'self' 'unsafe-inline'",
);

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * The security headers of every HTTP app. HSTS only on a request that came over TLS: directly, or
 * through a proxy the app is told to trust (TRUST_PROXY), which says so in `X-Forwarded-Proto`
 * (Express's `request.secure` reads the header only from a trusted proxy).
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  const docs =
    request.path === '/docs' || request.path.startsWith('/docs/') || request.path.startsWith('/docs-');
  response.setHeader(
    'Content-Security-Policy',
    docs ? DOCS_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY,
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (request.secure) {
    response.setHeader('Strict-Transport-Security', HSTS);
  }
  next();
}
