import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { principalSlot } from '../accounts/request-principal';
import type { PortalPrincipal } from './portal-user';

export const PORTAL_READ_KEY = 'skp:portal-read';
export const PORTAL_SELF_SERVICE_KEY = 'skp:portal-self-service';
export const PORTAL_EDITOR_ONLY_KEY = 'skp:portal-editor-only';
export const PORTAL_SELF_AUDITED_KEY = 'skp:portal-self-audited';
export const PORTAL_AUDITED_READ_KEY = 'skp:portal-audited-read';

/**
 * Marks a POST route that only reads (e.g. a lookup whose criteria are personal data, so they
 * travel in a body rather than in the URL): a portal viewer may call it.
 */
export const PortalRead = (): MethodDecorator & ClassDecorator => SetMetadata(PORTAL_READ_KEY, true);

/** A viewer may call it on itself (logout, own password). */
export const PortalSelfService = (): MethodDecorator => SetMetadata(PORTAL_SELF_SERVICE_KEY, true);

/** Only editors (and the API token), even for GET (e.g. the audit). */
export const PortalEditorOnly = (): MethodDecorator & ClassDecorator =>
  SetMetadata(PORTAL_EDITOR_ONLY_KEY, true);

/**
 * A GET that hands out personal data in bulk (an export of the pause register): audited like a
 * change, so the audit shows who took a copy and when.
 */
export const PortalAuditedRead = (): MethodDecorator => SetMetadata(PORTAL_AUDITED_READ_KEY, true);

/** The handler writes its own audit rows (login, logout, password change). */
export const PortalSelfAudited = (): MethodDecorator => SetMetadata(PORTAL_SELF_AUDITED_KEY, true);

const principals = principalSlot<PortalPrincipal>();

export const attachPortalPrincipal = principals.attach;
export const portalPrincipalOf = principals.of;

/** The principal the guard authenticated (API token or portal user). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): PortalPrincipal | undefined =>
    portalPrincipalOf(context.switchToHttp().getRequest<Request>()),
);
