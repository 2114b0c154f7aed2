import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import { PORTAL_AUDITED_READ_KEY, PORTAL_SELF_AUDITED_KEY, portalPrincipalOf } from './portal-access';
import { PortalAudit } from './portal-audit';
import { auditActionName, auditTargetOf } from './portal-audit-action';
import { routePathOf } from './portal-aware.guard';

const READING_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Audits every changing request (anything but GET/HEAD/OPTIONS) of a portal user, and every read
 * marked @PortalAuditedRead(), once it has completed, failed or not: who, `METHOD route-pattern`, the first route parameter as target and
 * the status. Never a body or a query value: they hold personal data. Requests with the API token
 * are the machine clients' own business and are not audited here.
 */
@Injectable()
export class PortalAuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: PortalAudit,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<Request>();
    const principal = portalPrincipalOf(request);
    const marked = (key: string) => this.reflector.get<boolean>(key, context.getHandler()) === true;
    if (
      principal?.kind !== 'user' ||
      (READING_METHODS.has(request.method) && !marked(PORTAL_AUDITED_READ_KEY)) ||
      marked(PORTAL_SELF_AUDITED_KEY)
    ) {
      return next.handle();
    }
    const write = (status: number, failed: boolean) =>
      this.audit.record({
        username: principal.username,
        action: auditActionName(request.method, routePathOf(request)),
        target: auditTargetOf(request.params),
        status,
        detail: failed ? { outcome: 'failed' } : null,
      });
    return next.handle().pipe(
      mergeMap((result) =>
        from(write(context.switchToHttp().getResponse<Response>().statusCode, false).then(() => result)),
      ),
      catchError((error: unknown) =>
        from(write(error instanceof HttpException ? error.getStatus() : 500, true)).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}
