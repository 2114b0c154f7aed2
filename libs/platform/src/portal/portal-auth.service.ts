import { Inject, Injectable } from '@nestjs/common';
import { AccountAuth } from '../accounts/account-auth';
import { PortalAudit } from './portal-audit';
import { PortalPasswordChecker } from './portal-password-checker';
import type { PortalRole, PortalUserPrincipal } from './portal-user';
import { PortalUsersRepository } from './portal-users.repository';
import { PORTAL_OPTIONS, PortalOptions } from './portal.options';

/** Portal login, sessions, logout and password change: the shared account code on the portal tables. */
@Injectable()
export class PortalAuthService extends AccountAuth<PortalRole> {
  constructor(
    users: PortalUsersRepository,
    audit: PortalAudit,
    passwords: PortalPasswordChecker,
    @Inject(PORTAL_OPTIONS) options: PortalOptions,
  ) {
    super(users, audit, passwords, {
      sessionTtlMinutes: options.sessionTtlMinutes,
      loginRateLimit: options.loginRateLimit,
      production: options.production,
      accountNoun: 'user',
      errorStyle: 'common',
    });
  }

  /** The portal user behind a session token, or null when the token is unknown or its session expired. */
  override async authenticate(token: string, now = new Date()): Promise<PortalUserPrincipal | null> {
    const session = await super.authenticate(token, now);
    return session ? { kind: 'user', ...session } : null;
  }
}
