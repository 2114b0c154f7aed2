import {
  Controller,
  ExecutionContext,
  ForbiddenException,
  Get,
  Post,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Public } from '../http/public-route';
import { PortalEditorOnly, PortalRead, portalPrincipalOf } from './portal-access';
import { PortalAuthenticator, PortalAwareGuard } from './portal-aware.guard';
import type { PortalUserPrincipal } from './portal-user';

@Controller('things')
class ThingsController {
  @Get()
  list(): void {}

  @Post()
  create(): void {}

  @PortalRead()
  @Post('lookup')
  lookup(): void {}

  @PortalEditorOnly()
  @Get('audit')
  audit(): void {}

  @Public()
  @Get('health')
  health(): void {}
}

const API_TOKEN = 'api-token-of-the-adapter';
const NOW = new Date('2026-12-02T10:00:00Z');

/** Sessions in memory, with their expiry checked as the repository's query does. */
class SessionsInMemory implements PortalAuthenticator {
  constructor(private readonly sessions: Record<string, PortalUserPrincipal>) {}

  authenticate(token: string): Promise<PortalUserPrincipal | null> {
    const session = this.sessions[token];
    return Promise.resolve(session && session.sessionExpiresAt > NOW ? session : null);
  }
}

const user = (username: string, role: 'viewer' | 'editor', expiresAt: Date): PortalUserPrincipal => ({
  kind: 'user',
  id: username,
  username,
  role,
  sessionExpiresAt: expiresAt,
});

const LATER = new Date(NOW.getTime() + 60_000);
const EARLIER = new Date(NOW.getTime() - 60_000);
const guard = new PortalAwareGuard(
  new Reflector(),
  new SessionsInMemory({
    'viewer-token': user('vera', 'viewer', LATER),
    'editor-token': user('eddy', 'editor', LATER),
    'expired-token': user('eddy', 'editor', EARLIER),
  }),
  { apiToken: API_TOKEN },
);

function call(handler: keyof ThingsController, method: string, token?: string) {
  const request = {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    params: {},
  } as unknown as Request;
  const context = {
    getType: () => 'http',
    getHandler: () => ThingsController.prototype[handler],
    getClass: () => ThingsController,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
  return { request, decision: guard.canActivate(context) };
}

describe('PortalAwareGuard', () => {
  it('lets the API token do anything, as an editor without a session', async () => {
    const { request, decision } = call('create', 'POST', API_TOKEN);
    await expect(decision).resolves.toBe(true);
    expect(portalPrincipalOf(request)).toEqual({ kind: 'api', role: 'editor' });
    await expect(call('audit', 'GET', API_TOKEN).decision).resolves.toBe(true);
  });

  it('lets a viewer read with GET', async () => {
    const { request, decision } = call('list', 'GET', 'viewer-token');
    await expect(decision).resolves.toBe(true);
    expect(portalPrincipalOf(request)).toMatchObject({ kind: 'user', username: 'vera', role: 'viewer' });
  });

  it('refuses a viewer a POST with 403 requires role editor', async () => {
    const { decision } = call('create', 'POST', 'viewer-token');
    await expect(decision).rejects.toBeInstanceOf(ForbiddenException);
    await expect(call('create', 'POST', 'viewer-token').decision).rejects.toMatchObject({
      response: { statusCode: 403, message: 'requires role editor', violations: [] },
    });
  });

  it('lets a viewer POST to a route marked @PortalRead()', async () => {
    await expect(call('lookup', 'POST', 'viewer-token').decision).resolves.toBe(true);
  });

  it('refuses a viewer an editor-only GET, and lets an editor POST', async () => {
    await expect(call('audit', 'GET', 'viewer-token').decision).rejects.toBeInstanceOf(ForbiddenException);
    await expect(call('create', 'POST', 'editor-token').decision).resolves.toBe(true);
  });

  it('refuses an expired session and an unknown token with 401 log in again', async () => {
    for (const token of ['expired-token', 'no-such-token']) {
      await expect(call('list', 'GET', token).decision).rejects.toMatchObject({
        response: { statusCode: 401, message: 'session expired or unknown; log in again' },
      });
    }
  });

  it('refuses a request without a token with 401 login required, but not a @Public() route', async () => {
    await expect(call('list', 'GET').decision).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(call('list', 'GET').decision).rejects.toMatchObject({
      response: { message: 'login required' },
    });
    await expect(call('health', 'GET').decision).resolves.toBe(true);
  });
});
