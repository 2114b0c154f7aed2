import { Controller, Get, NotFoundException, Param, Res, Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { Public } from './public-route';
import { CONTENT_SECURITY_POLICY } from './security-headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** The shared front-end library (docs/decisions/0008-one-front-end-for-three-web-uis.md). */
export const SHARED_UI_FOLDER = join('libs', 'web-ui');

export interface StaticAsset {
  type: string;
  body: Buffer;
}

/** The checkout (or image) root: from the sources, from dist/, or the working directory. */
function rootHolding(folder: string): string | undefined {
  return [
    resolve(__dirname, '..', '..', '..', '..'),
    resolve(__dirname, '..', '..', '..', '..', '..'),
    process.cwd(),
  ].find((root) => existsSync(join(root, folder, 'index.html')));
}

/**
 * The files of one web UI (`folder`, holding its index.html and page modules) together with the
 * shared library, read once at start-up. Only files that exist there are served, by exact name: no
 * path from a request ever reaches the file system. A name in both folders is a mistake: refused.
 */
export function loadStaticUi(folder: string): Map<string, StaticAsset> {
  const root = rootHolding(folder);
  const assets = new Map<string, StaticAsset>();
  if (!root) {
    return assets;
  }
  for (const dir of [SHARED_UI_FOLDER, folder]) {
    const path = join(root, dir);
    for (const name of existsSync(path) ? readdirSync(path) : []) {
      const type = TYPES[extname(name)];
      if (!type) {
        continue;
      }
      if (assets.has(name)) {
        throw new Error(`web UI file ${name} is in both ${SHARED_UI_FOLDER} and ${folder}`);
      }
      assets.set(name, { type, body: readFileSync(join(path, name)) });
    }
  }
  return assets;
}

/** Scripts and styles come only from the app itself; nothing inline, no framing, no caching of stale code. */
export const STATIC_UI_HEADERS: Record<string, string> = {
  // the same policy every response of every app gets (platform securityHeaders), stated here too
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-cache',
};

/**
 * A controller serving one web UI: `index.html` at `/` (or `/<path>`) and every other file at
 * `/assets/<name>` (or `/<path>/assets/<name>`). The files hold no data and need no credential;
 * the API behind them enforces access.
 */
export function staticUiController(folder: string, path = ''): Type<unknown> {
  @ApiExcludeController()
  @Public()
  @Controller(path)
  class StaticUiController {
    private readonly assets = loadStaticUi(folder);

    @Get()
    index(@Res() response: Response): void {
      this.send(response, this.assets.get('index.html'));
    }

    @Get('assets/:file')
    asset(@Param('file') file: string, @Res() response: Response): void {
      this.send(response, file === 'index.html' ? undefined : this.assets.get(file));
    }

    private send(response: Response, asset: StaticAsset | undefined): void {
      if (!asset) {
        throw new NotFoundException({ statusCode: 404, message: 'not found' });
      }
      response.set({ ...STATIC_UI_HEADERS, 'Content-Type': asset.type }).send(asset.body);
    }
  }
  return StaticUiController;
}
