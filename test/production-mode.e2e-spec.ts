import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppName } from './support/app-process';
import { api, login } from './support/hub-api-client';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { freshId } from './support/test-env';

const ROOT = join(__dirname, '..');
const STRONG = 'a-long-random-secret-0123456789';
const GOOD_AMQP = `amqp://some-account:${STRONG}@127.0.0.1:5672`;
const HUB_OIN = '00000099000000000001';

/** Starts an app's built main with exactly this environment; resolves with its exit and stderr. */
function runMain(
  app: AppName,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register-paths.js'), join(ROOT, 'dist', 'apps', app, 'src', 'main.js')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${app} did not exit within 30 s; stderr: ${stderr}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** A signing identity that passes configuration (the files are only read after it). */
const IDENTITY = { PARTY_CERT: '/nonexistent/party.crt', PARTY_KEY: '/nonexistent/party.key' };

/** What each app needs to pass configuration in production, apart from the rule under test. */
const GOOD: Record<AppName, Record<string, string>> = {
  hub: {
    NODE_ENV: 'production',
    AMQP_URL: GOOD_AMQP,
    TRUST_ANCHORS: '/nonexistent/ca.crt',
    ...IDENTITY,
    HUB_ADMIN_PASSWORD: STRONG,
  },
  'municipality-adapter': {
    NODE_ENV: 'production',
    AMQP_URL: GOOD_AMQP,
    TRUST_ANCHORS: '/nonexistent/ca.crt',
    ...IDENTITY,
    HUB_OIN,
    MUNICIPALITY_API_TOKEN: STRONG,
    MUNICIPALITY_CODE: '0344',
    MUNICIPALITY_NAME: 'Gemeente Test',
    COUNSELLOR_EMAIL: 'schulden@gemeente.test',
  },
  'creditor-adapter': {
    NODE_ENV: 'production',
    AMQP_URL: GOOD_AMQP,
    TRUST_ANCHORS: '/nonexistent/ca.crt',
    ...IDENTITY,
    HUB_OIN,
    PARTY_OIN: '00000099100000000002',
    CREDITOR_API_TOKEN: STRONG,
  },
};

type Case = [AppName, string, Record<string, string | undefined>, string[]];

const CASES: Case[] = [
  [
    'hub',
    'the demo admin password',
    { HUB_ADMIN_PASSWORD: 'demo-admin' },
    ['HUB_ADMIN_PASSWORD: a demo credential', 'HUB_ADMIN_PASSWORD: must be at least 16'],
  ],
  [
    'hub',
    'a short admin password',
    { HUB_ADMIN_PASSWORD: 'short-pass' },
    ['HUB_ADMIN_PASSWORD: must be at least 16'],
  ],
  [
    'hub',
    'the guest broker account',
    { AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' },
    ["AMQP_URL: the broker's default guest account", 'AMQP_URL: the broker password must be at least 16'],
  ],
  [
    'hub',
    'no AMQP_URL (the default is guest)',
    { AMQP_URL: undefined },
    ['AMQP_URL: required in production'],
  ],
  [
    'hub',
    'a short broker password',
    { AMQP_URL: 'amqp://hub:short@127.0.0.1:5672' },
    ['AMQP_URL: the broker password must be at least 16'],
  ],
  [
    'hub',
    'guest on the management API',
    { RABBITMQ_MANAGEMENT_URL: 'http://guest:guest@127.0.0.1:15672' },
    ["RABBITMQ_MANAGEMENT_URL: the broker's default guest account"],
  ],
  [
    'hub',
    'the shared broker user',
    { HUB_ALLOW_SHARED_BROKER_USER: 'true' },
    ['HUB_ALLOW_SHARED_BROKER_USER: must not be true in production'],
  ],
  [
    'municipality-adapter',
    'the demo token',
    { MUNICIPALITY_API_TOKEN: 'demo-municipality' },
    ['MUNICIPALITY_API_TOKEN: a demo credential'],
  ],
  ['municipality-adapter', 'no HUB_OIN', { HUB_OIN: undefined }, ['HUB_OIN: required in production']],
  [
    'municipality-adapter',
    'a demo broker account',
    { AMQP_URL: `amqp://demo-municipality:${STRONG}@broker` },
    ['AMQP_URL: a demo credential'],
  ],
  [
    'creditor-adapter',
    'the demo public token',
    { CREDITOR_API_TOKEN: 'demo-creditor-public' },
    ['CREDITOR_API_TOKEN: a demo credential'],
  ],
  [
    'creditor-adapter',
    'the demo private token',
    { CREDITOR_API_TOKEN: 'demo-creditor-private' },
    ['CREDITOR_API_TOKEN: a demo credential'],
  ],
  [
    'creditor-adapter',
    'a short token',
    { CREDITOR_API_TOKEN: 'fifteen-chars-x' },
    ['CREDITOR_API_TOKEN: must be at least 16'],
  ],
  ['creditor-adapter', 'no HUB_OIN', { HUB_OIN: undefined }, ['HUB_OIN: required in production']],
  [
    'creditor-adapter',
    'no signing identity',
    { PARTY_CERT: undefined, PARTY_KEY: undefined },
    ['PARTY_CERT: PARTY_CERT is required', 'PARTY_KEY: PARTY_KEY is required'],
  ],
  ['creditor-adapter', 'a bad PARTY_OIN', { PARTY_OIN: '12345' }, ['PARTY_OIN: must be a valid OIN']],
  ['hub', 'an unknown LOG_LEVEL', { LOG_LEVEL: 'loud' }, ['LOG_LEVEL: LOG_LEVEL must be one of']],
];

function envWith(app: AppName, change: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string | undefined> = { ...GOOD[app], ...change };
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

describe('production mode (NODE_ENV=production, DESIGN §8)', () => {
  it.each(CASES)('%s refuses to start with %s and names the reason', async (app, _what, change, reasons) => {
    const { code, stderr } = await runMain(app, envWith(app, change));
    expect(code).not.toBe(0);
    for (const reason of reasons) {
      expect(stderr).toContain(reason);
    }
    // the reasons name variables, never the secret values
    for (const value of Object.values(change)) {
      if (value && !/^(true|\d+)$/.test(value)) {
        expect(stderr).not.toContain(value);
      }
    }
  });

  it('lists every reason at once, with the ordinary config errors', async () => {
    const { code, stderr } = await runMain('hub', {
      NODE_ENV: 'production',
      HUB_ADMIN_PASSWORD: 'demo-admin',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      RABBITMQ_MANAGEMENT_URL: 'http://guest:guest@127.0.0.1:15672',
      HUB_ALLOW_SHARED_BROKER_USER: 'true',
      HUB_PREFETCH: 'lots',
    });
    expect(code).toBe(1);
    for (const reason of [
      'HUB_ADMIN_PASSWORD: a demo credential',
      'HUB_ADMIN_PASSWORD: must be at least 16',
      "AMQP_URL: the broker's default guest account",
      "RABBITMQ_MANAGEMENT_URL: the broker's default guest account",
      'HUB_ALLOW_SHARED_BROKER_USER',
      'TRUST_ANCHORS',
      'HUB_PREFETCH',
    ]) {
      expect(stderr).toContain(reason);
    }
  });

  it('starts the same demo settings outside production (the rules are production-only)', async () => {
    const { stderr } = await runMain('creditor-adapter', {
      ...envWith('creditor-adapter', { CREDITOR_API_TOKEN: 'demo-creditor-public' }),
      NODE_ENV: 'development',
      DATABASE_URL: 'postgres://postgres:postgres@127.0.0.1:1/none',
    });
    // it gets past configuration and fails later, on the certificate or the database
    expect(stderr).not.toContain('invalid configuration');
  });

  describe('a good production configuration', () => {
    const user = `skptest_prod_${freshId()}`;
    const password = `${STRONG}-${freshId()}`;
    const management = 'http://127.0.0.1:15672/api';
    const auth = { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` };
    let hub: HubHarness | undefined;

    beforeAll(async () => {
      // a broker account of its own with a long password: guest is refused in production
      const created = await fetch(`${management}/users/${user}`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ password, tags: '' }),
      });
      expect(created.status).toBeLessThan(300);
      const permitted = await fetch(`${management}/permissions/%2F/${user}`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ configure: '.*', write: '.*', read: '.*' }),
      });
      expect(permitted.status).toBeLessThan(300);
    });

    afterAll(async () => {
      await hub?.teardown();
      await fetch(`${management}/users/${user}`, { method: 'DELETE', headers: auth });
    });

    it('runs the hub with NODE_ENV=production, its own broker account and a long admin password', async () => {
      hub = await startHub({
        NODE_ENV: 'production',
        AMQP_URL: `amqp://${user}:${password}@127.0.0.1:5672`,
      });
      expect(HUB_ADMIN.password.length).toBeGreaterThanOrEqual(16);
      const token = await login(hub.hub.url, HUB_ADMIN.username, HUB_ADMIN.password);
      expect((await api(hub.hub.url, 'GET', '/api/auth/me', { token })).status).toBe(200);
      // production password rules: 16 characters for a new operator
      const short = await api(hub.hub.url, 'POST', '/api/operators', {
        token,
        body: { username: 'short-pw', password: 'fifteen-chars-x', role: 'viewer' },
      });
      expect(short.status).toBe(400);
      expect(short.text).toContain('at least 16 characters in production');
    }, 90_000);
  });
});
