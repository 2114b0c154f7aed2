import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

export const AUDIT_ACTION_KEY = 'skp:audit-action';
export const AUDIT_SKIP_KEY = 'skp:audit-skip';

/** Names the audit action of a handler (default: `<controller path> <handler name>`). */
export const AuditAction = (action: string): MethodDecorator => SetMetadata(AUDIT_ACTION_KEY, action);

/** The handler audits its own success (e.g. inside its transaction); failures are still audited by the interceptor. */
export const AuditedByHandler = (): MethodDecorator => SetMetadata(AUDIT_SKIP_KEY, true);

/** The audit action of the handler a request is routed to. */
export function auditActionOf(reflector: Reflector, context: ExecutionContext): string {
  return (
    reflector.get<string | undefined>(AUDIT_ACTION_KEY, context.getHandler()) ??
    `${context
      .getClass()
      .name.replace(/Controller$/, '')
      .toLowerCase()}.${context.getHandler().name}`
  );
}
