import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '@skp/platform';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface ConsoleAsset {
  type: string;
  body: Buffer;
}

/**
 * The console's static files (apps/hub/console), read once at start-up. Only files that exist
 * there are served, by exact name: no path from a request ever reaches the file system.
 */
export function loadConsoleAssets(): Map<string, ConsoleAsset> {
  const dir = [
    resolve(__dirname, '..', '..', 'console'),
    resolve(__dirname, '..', '..', '..', '..', '..', 'apps', 'hub', 'console'),
    resolve(process.cwd(), 'apps', 'hub', 'console'),
  ].find((candidate) => existsSync(join(candidate, 'index.html')));
  const assets = new Map<string, ConsoleAsset>();
  if (!dir) {
    return assets;
  }
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) {
      assets.set(name, { type, body: readFileSync(join(dir, name)) });
    }
  }
  return assets;
}

/** Scripts and styles come only from the hub itself; nothing inline, no framing. */
export const CONSOLE_SECURITY_HEADERS: Record<string, string> = {
  // the same policy every response of every app gets (platform securityHeaders), stated here too
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-cache',
};
