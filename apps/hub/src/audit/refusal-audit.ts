import { Injectable } from '@nestjs/common';
import { InjectLogger, Logger } from '@skp/platform';
import type { NextFunction, Request, Response } from 'express';
import { operatorOf } from '../access/current-operator.decorator';
import { AuditService } from './audit.service';
import { reachedHandler, refusedActionOf } from './request-marks';
import { matchRoutePattern, RoutePattern } from './route-pattern';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

interface RouterLayer {
  route?: { path: unknown; methods?: Record<string, boolean> };
}

/**
 * Audits every changing request (anything but GET/HEAD/OPTIONS) that was refused before a handler
 * saw it: by the guard (401 without a session, 403 for a viewer), by the router (no such route,
 * e.g. `PATCH /API/parties/x`) or by the path-spelling rules (400). The row holds who (the
 * operator, or null for unknown), the action of the route it aimed at, the route's pattern (never
 * the raw path: it may hold anything) and the status. Runs as the first middleware of the hub.
 */
@Injectable()
export class RefusalAudit {
  private routes?: RoutePattern[];

  constructor(
    private readonly audit: AuditService,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    if (!SAFE_METHODS.has(request.method)) {
      response.once('finish', () => {
        if (response.statusCode >= 400 && !reachedHandler(request)) {
          this.record(request, response.statusCode).catch((error: unknown) =>
            this.logger.error({ err: error }, 'could not audit a refused request'),
          );
        }
      });
    }
    next();
  };

  private async record(request: Request, status: number): Promise<void> {
    const route = request.route as { path?: unknown } | undefined;
    const matched =
      typeof route?.path === 'string' ? { path: route.path, spelling: 'exact' } : this.aimedAt(request);
    await this.audit.record({
      operator: operatorOf(request)?.username ?? null,
      action: refusedActionOf(request) ?? 'http.refused',
      target: null,
      detail: {
        method: request.method,
        path: matched?.path ?? '(no route)',
        ...(matched ? { spelling: matched.spelling } : {}),
        status,
        outcome: 'refused',
      },
    });
  }

  /** The registered route a refused, oddly spelled path aimed at, if any. */
  private aimedAt(request: Request): { path: string; spelling: string } | null {
    const path = (request.originalUrl ?? request.url).split('?')[0];
    const route = matchRoutePattern(this.routesOf(request), request.method, path);
    return route ? { path: route.path, spelling: 'variant' } : null;
  }

  private routesOf(request: Request): RoutePattern[] {
    if (!this.routes) {
      const router = (request.app as unknown as { router?: { stack?: RouterLayer[] } }).router;
      this.routes = (router?.stack ?? []).flatMap((layer) =>
        typeof layer.route?.path === 'string'
          ? Object.keys(layer.route.methods ?? {}).map((method) => ({
              method: method.toUpperCase(),
              path: layer.route?.path as string,
            }))
          : [],
      );
    }
    return this.routes;
  }
}
