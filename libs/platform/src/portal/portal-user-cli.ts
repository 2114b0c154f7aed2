import { IsOptional, IsString, MaxLength } from 'class-validator';
import { userInfo } from 'node:os';
import type { DataSource } from 'typeorm';
import { MAX_PASSWORD_LENGTH } from '../auth/password';
import { loadEnv } from '../config/env';
import { createRootLogger, LoggingEnv } from '../logging/logger';
import { PortalAudit } from './portal-audit';
import { PortalAuditRepository } from './portal-audit.repository';
import { isPortalRole, PORTAL_ROLES, PortalRole, toPortalUserView } from './portal-user';
import { PortalUsersRepository } from './portal-users.repository';
import { PortalUserError, PortalUsersService } from './portal-users.service';

export const PORTAL_USER_USAGE = `  user list                            list the portal users
  user add NAME --role viewer|editor   add a portal user; the password comes from the environment
                                       variable PORTAL_USER_PASSWORD or the first line of stdin
                                       (never from the command line)
  user disable NAME                    disable a user and end its sessions
  user unlock NAME                     lift a lockout after failed logins
  user role NAME viewer|editor         change a user's role
`;

/** A command line that cannot be run as given; the CLI prints it with the usage. */
export class CliUsageError extends Error {}

export interface PortalCliContext {
  app: string;
  env: LoggingEnv;
  production: boolean;
  /** the adapter's database, migrated */
  dataSource: DataSource;
  /** the new user's password: PORTAL_USER_PASSWORD or stdin */
  readPassword: () => Promise<string>;
  out: (line: string) => void;
}

function roleOf(value: string | undefined): PortalRole {
  if (!value || !isPortalRole(value)) {
    throw new CliUsageError(`the role must be one of ${PORTAL_ROLES.join(', ')}`);
  }
  return value;
}

/** `user …` of an adapter's CLI; every change is audited as `cli:<os user>`. */
export async function portalUserCommand(
  positional: string[],
  options: Record<string, string>,
  ctx: PortalCliContext,
): Promise<number> {
  const [sub, name, extra] = positional;
  const logger = createRootLogger(ctx.app, ctx.env);
  const users = new PortalUsersService(
    new PortalUsersRepository(ctx.dataSource),
    new PortalAudit(new PortalAuditRepository(ctx.dataSource), logger),
    {
      apiToken: '',
      sessionTtlMinutes: 0,
      loginRateLimit: 0,
      production: ctx.production,
      firstUser: {},
      envPrefix: '',
    },
    logger,
  );
  const actor = `cli:${userInfo().username}`;
  if (sub !== 'list' && !name) {
    throw new CliUsageError(`user ${sub ?? '(none)'} needs the user NAME`);
  }
  try {
    switch (sub) {
      case 'list':
        for (const user of (await users.list()).map((u) => toPortalUserView(u))) {
          const state = user.disabled
            ? 'disabled'
            : user.lockedUntil
              ? `locked until ${user.lockedUntil}`
              : 'active';
          ctx.out([user.username, user.role, state, `last login ${user.lastLoginAt ?? 'never'}`].join('\t'));
        }
        return 0;
      case 'add': {
        const role = roleOf(options.role);
        const user = await users.add(actor, name, await ctx.readPassword(), role);
        ctx.out(`added portal user ${user.username} (${user.role})`);
        return 0;
      }
      case 'disable':
        await users.disable(actor, name);
        ctx.out(`portal user ${name} is disabled; its sessions ended`);
        return 0;
      case 'unlock':
        await users.unlock(actor, name);
        ctx.out(`portal user ${name} is unlocked`);
        return 0;
      case 'role': {
        const user = await users.setRole(actor, name, roleOf(extra));
        ctx.out(`portal user ${user.username} is now ${user.role}`);
        return 0;
      }
      default:
        throw new CliUsageError(`unknown user command: ${sub ?? '(none)'}`);
    }
  } catch (error) {
    if (error instanceof PortalUserError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** The one setting of the CLI that is not the adapter's: the new user's password. */
class PortalCliEnv {
  @IsOptional()
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  PORTAL_USER_PASSWORD?: string;
}

/** The new password: PORTAL_USER_PASSWORD, else the first line of stdin (so it never shows in `ps`). */
export async function readPortalPassword(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const fromEnv = loadEnv(PortalCliEnv).PORTAL_USER_PASSWORD;
  if (fromEnv) {
    return fromEnv;
  }
  if (stdin.isTTY) {
    process.stderr.write('password (input is shown; end with Enter): ');
  }
  let text = '';
  for await (const chunk of stdin) {
    text += (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) {
      break;
    }
  }
  const line = text.split(/\r?\n/)[0];
  if (!line) {
    throw new CliUsageError('no password: set PORTAL_USER_PASSWORD or give it on the first line of stdin');
  }
  return line;
}
