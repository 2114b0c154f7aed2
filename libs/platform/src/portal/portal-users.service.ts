import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { hashPassword, passwordRuleProblem } from '../auth/password';
import { ensureFirstAccount } from '../accounts/first-account';
import { LOGGER } from '../platform.tokens';
import { PortalAudit } from './portal-audit';
import type { PortalRole, PortalUserRecord } from './portal-user';
import { PortalUsersRepository } from './portal-users.repository';
import { PORTAL_OPTIONS, PortalOptions } from './portal.options';

/** A refused user command (no such user, name taken, weak password); the message says why. */
export class PortalUserError extends Error {}

/**
 * Portal accounts: the first editor from the environment at start-up, and the administration
 * the adapter's CLI offers. Every change is audited under the name of whoever made it
 * (`cli:<os user>` from the CLI).
 */
@Injectable()
export class PortalUsersService implements OnApplicationBootstrap {
  constructor(
    private readonly users: PortalUsersRepository,
    private readonly audit: PortalAudit,
    @Inject(PORTAL_OPTIONS) private readonly options: PortalOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstUser();
  }

  async ensureFirstUser(): Promise<void> {
    const { username } = this.options.firstUser;
    const outcome = await ensureFirstAccount(this.users, this.options.firstUser);
    if (outcome === 'nobody') {
      const prefix = this.options.envPrefix;
      this.logger.warn(
        `no portal user exists and ${prefix}USERNAME/${prefix}PASSWORD are not set: nobody can log in to the portal`,
      );
    } else if (outcome === 'created') {
      await this.audit.record({
        username: null,
        kind: 'system',
        action: 'user.bootstrap_editor',
        target: username ?? null,
        detail: { role: 'editor' },
      });
      this.logger.info({ username }, 'first portal user created');
    }
  }

  list(): Promise<PortalUserRecord[]> {
    return this.users.findAll();
  }

  async add(actor: string, username: string, password: string, role: PortalRole): Promise<PortalUserRecord> {
    if (!/^[A-Za-z0-9._@-]{1,100}$/.test(username)) {
      throw new PortalUserError('username: 1 to 100 letters, digits, or . _ @ -');
    }
    const problem = passwordRuleProblem(password, this.options.production);
    if (problem) {
      throw new PortalUserError(problem);
    }
    const created = await this.users.insert(username, await hashPassword(password), role);
    if (!created) {
      throw new PortalUserError(`portal user ${username} already exists`);
    }
    await this.changed(actor, 'user.create', username, { role });
    return created;
  }

  /** Disables a user and ends every session of it. */
  async disable(actor: string, username: string): Promise<PortalUserRecord> {
    const user = this.found(username, await this.users.setDisabled(username, true, new Date()));
    const revokedSessions = await this.users.deleteSessionsOf(user.id, null);
    await this.changed(actor, 'user.disable', username, { revokedSessions });
    return user;
  }

  async unlock(actor: string, username: string): Promise<PortalUserRecord> {
    const user = this.found(username, await this.users.unlock(username));
    await this.changed(actor, 'user.unlock', username, null);
    return user;
  }

  async setRole(actor: string, username: string, role: PortalRole): Promise<PortalUserRecord> {
    const user = this.found(username, await this.users.setRole(username, role));
    await this.changed(actor, 'user.role', username, { role });
    return user;
  }

  private found(username: string, user: PortalUserRecord | null): PortalUserRecord {
    if (!user) {
      throw new PortalUserError(`no portal user ${username}`);
    }
    return user;
  }

  private changed(
    actor: string,
    action: string,
    target: string,
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    return this.audit.record({ username: actor, kind: 'cli', action, target, detail });
  }
}
