import { ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';

/** Metadata key of a handler or controller that needs no credential. */
export const PUBLIC_ROUTE_KEY = 'skp:public';

/**
 * Marks a handler or controller as reachable without a credential (health, metrics, the console
 * files, the login route). Every other route of every app needs its credential: the global guards
 * decide by this metadata, never by the text of the path.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE_KEY, true);

export function isPublicRoute(reflector: Reflector, context: ExecutionContext): boolean {
  return (
    reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]) === true
  );
}
