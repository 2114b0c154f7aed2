import { randomBytes } from 'node:crypto';

/** Why a management call failed: the API did not answer, or it answered with an error status. */
export class BrokerManagementError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'refused',
    readonly status?: number,
  ) {
    super(message);
    this.name = 'BrokerManagementError';
  }
}

export interface BrokerPermissions {
  configure: string;
  write: string;
  read: string;
}

export interface BrokerCredentials {
  username: string;
  password: string;
}

/** The account name an AMQP URL logs in with (RabbitMQ's default when the URL names none). */
export function brokerUsernameOf(amqpUrl: string): string {
  const username = new URL(amqpUrl).username;
  return username ? decodeURIComponent(username) : 'guest';
}

/** The virtual host of an AMQP URL: its path without the leading slash, `/` when empty. */
export function brokerVhostOf(amqpUrl: string): string {
  const path = new URL(amqpUrl).pathname.replace(/^\//, '');
  return path ? decodeURIComponent(path) : '/';
}

/** `url` with its credentials replaced (for a party's own connection). */
export function withBrokerCredentials(amqpUrl: string, credentials: BrokerCredentials): string {
  const url = new URL(amqpUrl);
  url.username = encodeURIComponent(credentials.username);
  url.password = encodeURIComponent(credentials.password);
  return url.toString();
}

/** DESIGN §5: a party's broker account is `<prefix>-<OIN>`. */
export function partyBrokerUsername(prefix: string, oin: string): string {
  return `${prefix}-${oin}`;
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Least privilege (DESIGN §5): configure nothing, write only `<prefix>.inbound`, read only its own queue. */
export function partyBrokerPermissions(prefix: string, oin: string): BrokerPermissions {
  const p = escapeRegex(prefix);
  return { configure: '^$', write: `^${p}\\.inbound$`, read: `^${p}\\.party\\.${oin}$` };
}

/** 32 URL-safe characters from 24 random bytes (192 bits). */
export function generateBrokerPassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A small client of the RabbitMQ management HTTP API: users, permissions, connections. The
 * credentials come from the URL (`http://user:pass@host:15672`) and travel as a Basic header,
 * since fetch refuses URLs with credentials. Error messages carry the status, never a password.
 */
export class BrokerManagement {
  private readonly base: string;
  private readonly authorization: string;

  constructor(
    managementUrl: string,
    readonly vhost = '/',
    private readonly timeoutMs = 5000,
  ) {
    const url = new URL(managementUrl);
    const user = decodeURIComponent(url.username) || 'guest';
    const pass = decodeURIComponent(url.password) || 'guest';
    this.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}/api`;
  }

  /** Creates the user or replaces its password; never an administrator (no tags). */
  async putUser(credentials: BrokerCredentials): Promise<void> {
    await this.call('PUT', `/users/${enc(credentials.username)}`, {
      password: credentials.password,
      tags: '',
    });
  }

  async deleteUser(username: string): Promise<void> {
    await this.call('DELETE', `/users/${enc(username)}`, undefined, [404]);
  }

  async listUsers(): Promise<string[]> {
    const users = (await this.call('GET', '/users?columns=name')) as { name: string }[];
    return users.map((u) => u.name);
  }

  async setPermissions(username: string, permissions: BrokerPermissions): Promise<void> {
    await this.call('PUT', `/permissions/${enc(this.vhost)}/${enc(username)}`, permissions);
  }

  /** Without permissions on the vhost the account can no longer even open a connection. */
  async clearPermissions(username: string): Promise<void> {
    await this.call('DELETE', `/permissions/${enc(this.vhost)}/${enc(username)}`, undefined, [404]);
  }

  async permissionsOf(username: string): Promise<BrokerPermissions | null> {
    const found = await this.call(
      'GET',
      `/permissions/${enc(this.vhost)}/${enc(username)}`,
      undefined,
      [404],
    );
    return (found as BrokerPermissions | null) ?? null;
  }

  /** Closes every open connection of the user, on every node of the cluster. */
  async closeConnections(username: string, reason: string): Promise<void> {
    await this.call('DELETE', `/connections/username/${enc(username)}`, undefined, [404], {
      'x-reason': reason,
    });
  }

  async connectionsOf(username: string): Promise<string[]> {
    const found = (await this.call('GET', `/connections/username/${enc(username)}`, undefined, [404])) as
      { name: string }[] | null;
    return (found ?? []).map((c) => c.name);
  }

  /** Resolves when the API answers with these credentials. */
  async ping(): Promise<void> {
    await this.call('GET', '/whoami');
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    tolerated: number[] = [],
    headers: Record<string, string> = {},
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: this.authorization,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new BrokerManagementError(
        `broker management API did not answer ${method} ${pathOnly(path)} (${cause})`,
        'unreachable',
      );
    }
    const text = await response.text();
    if (tolerated.includes(response.status)) {
      return null;
    }
    if (!response.ok) {
      throw new BrokerManagementError(
        `broker management API refused ${method} ${pathOnly(path)}: ${response.status}`,
        'refused',
        response.status,
      );
    }
    return text ? (JSON.parse(text) as unknown) : null;
  }
}

const enc = (segment: string): string => encodeURIComponent(segment);

const pathOnly = (path: string): string => path.split('?')[0];
