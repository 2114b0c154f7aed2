import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { operatorOf } from '../access/current-operator.decorator';
import { AUDIT_SKIP_KEY, auditActionOf } from './audit.decorator-keys';
import { AuditService } from './audit.service';
import { markReachedHandler } from './request-marks';

/** Body fields that identify what an action is about; anything else in a body stays out of the log. */
const TARGET_FIELDS = ['oin', 'username', 'messageId', 'ids'] as const;

/**
 * Audits every changing API request (anything but GET/HEAD/OPTIONS) an admin makes, failed or
 * not: who, what, when, target ids and the HTTP status. A request refused before it got here (by
 * the guard, the router or the path rules) is audited by RefusalAudit instead.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') {
      return next.handle();
    }
    const request = context.switchToHttp().getRequest<Request>();
    markReachedHandler(request);
    const operator = operatorOf(request);
    if (!operator || operator.role !== 'admin' || ['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
      return next.handle();
    }
    // A handler that audits its own success (inside its transaction) still has its failures audited here.
    const successAuditedByHandler =
      this.reflector.get<boolean>(AUDIT_SKIP_KEY, context.getHandler()) === true;
    const action = auditActionOf(this.reflector, context);
    const target = targetOf(request);
    const write = (status: number, extra: Record<string, unknown> = {}) =>
      this.audit.record({
        operator: operator.username,
        action,
        target,
        detail: {
          method: request.method,
          path: request.route ? (request.route as { path: string }).path : request.path,
          status,
          ...extra,
        },
      });
    return next.handle().pipe(
      mergeMap((result) =>
        successAuditedByHandler
          ? [result]
          : from(
              write(context.switchToHttp().getResponse<{ statusCode: number }>().statusCode).then(
                () => result,
              ),
            ),
      ),
      catchError((error: unknown) =>
        from(write(error instanceof HttpException ? error.getStatus() : 500, { outcome: 'failed' })).pipe(
          mergeMap(() => throwError(() => error)),
        ),
      ),
    );
  }
}

function targetOf(request: Request): string | null {
  const params = Object.values((request.params ?? {}) as Record<string, string>);
  if (params.length > 0) {
    return params.join(',');
  }
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const field of TARGET_FIELDS) {
    const value = body[field];
    if (typeof value === 'string' && value.length <= 200) {
      return value;
    }
    if (Array.isArray(value)) {
      return value
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .slice(0, 50)
        .join(',');
    }
  }
  return null;
}
