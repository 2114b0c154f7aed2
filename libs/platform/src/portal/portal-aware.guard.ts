import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { bearerTokenOf } from '../accounts/request-principal';
import { tokensMatch } from '../http/bearer-token.guard';
import { isPublicRoute } from '../http/public-route';
import {
  attachPortalPrincipal,
  PORTAL_EDITOR_ONLY_KEY,
  PORTAL_READ_KEY,
  PORTAL_SELF_SERVICE_KEY,
} from './portal-access';
import { PortalAudit } from './portal-audit';
import { auditActionName, auditTargetOf } from './portal-audit-action';
import { forbidden, loginRequired } from './portal-errors';
import type { PortalUserPrincipal } from './portal-user';
import { PORTAL_OPTIONS, PortalOptions } from './portal.options';

const READING_METHODS = new Set(['GET', 'HEAD']);

/** What the guard needs of the session store: the user behind a session token, if any. */
export interface PortalAuthenticator {
  authenticate(token: string, now?: Date): Promise<PortalUserPrincipal | null>;
}
export const PORTAL_AUTHENTICATOR = Symbol('PORTAL_AUTHENTICATOR');

/**
 * An adapter's one global guard, deny by default: every route not marked @Public() needs either
 * the adapter's API token (machine clients; acts as editor) or a portal session token, both as
 * `Authorization: Bearer`. A viewer may only read: GET/HEAD, routes marked @PortalRead() and its
 * own logout and password change. It decides by the route's metadata, never by the path's text.
 */
@Injectable()
export class PortalAwareGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PORTAL_AUTHENTICATOR) private readonly sessions: PortalAuthenticator,
    @Inject(PORTAL_OPTIONS) private readonly options: Pick<PortalOptions, 'apiToken'>,
    private readonly audit?: PortalAudit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http' || isPublicRoute(this.reflector, context)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearerTokenOf(request);
    if (!token) {
      throw loginRequired(false);
    }
    if (tokensMatch(token, this.options.apiToken)) {
      attachPortalPrincipal(request, { kind: 'api', role: 'editor' });
      return true;
    }
    const user = await this.sessions.authenticate(token);
    if (!user) {
      throw loginRequired(true);
    }
    attachPortalPrincipal(request, user);
    if (user.role !== 'editor' && !this.viewerMay(context, request.method)) {
      await this.audit?.record({
        username: user.username,
        action: auditActionName(request.method, routePathOf(request)),
        target: auditTargetOf(request.params),
        status: 403,
        detail: { outcome: 'refused' },
      });
      throw forbidden('requires role editor');
    }
    return true;
  }

  private viewerMay(context: ExecutionContext, method: string): boolean {
    const marked = (key: string) =>
      this.reflector.getAllAndOverride<boolean | undefined>(key, [
        context.getHandler(),
        context.getClass(),
      ]) === true;
    if (marked(PORTAL_EDITOR_ONLY_KEY)) {
      return false;
    }
    return READING_METHODS.has(method) || marked(PORTAL_READ_KEY) || marked(PORTAL_SELF_SERVICE_KEY);
  }
}

export function routePathOf(request: Request): string {
  const route = request.route as { path?: unknown } | undefined;
  return typeof route?.path === 'string' ? route.path : '(unknown route)';
}
