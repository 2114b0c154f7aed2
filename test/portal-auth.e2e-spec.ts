import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppProcess } from './support/app-process';
import { CreditorAdapter, startCreditorAdapter } from './support/creditor-network';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { freshId, testOin } from './support/test-env';

/**
 * Portal users of both adapters against real adapter processes (real hub, broker and Postgres):
 * login, lockout, roles, logout, expiry, audit, and the CLI that adds users.
 */
const ROOT = join(__dirname, '..');
const COUNSELLOR = { username: 'counsellor', password: 'demo-counsellor' };
const CREDITOR = { username: 'creditor', password: 'demo-creditor' };
const BSN = '111222333';

type Json = any;

let hub: HubHarness;
let municipality: AppProcess;
let creditor: CreditorAdapter;
let creditorOin: string;
const municipalityToken = `muni-token-${freshId()}`;

async function call(
  app: AppProcess,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function login(app: AppProcess, user: { username: string; password: string }): Promise<string> {
  const answer = await call(app, 'POST', '/portal/login', { body: user });
  expect(answer.status).toBe(200);
  return answer.body.token as string;
}

/** Runs the adapter's CLI (from the build) with the adapter's own environment. */
function cli(
  app: AppProcess,
  args: string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = join(ROOT, 'dist', 'apps', app.app, 'src', 'cli.js');
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'register-paths.js'), script, ...args], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...app.env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? '');
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

async function withDatabase<T>(app: AppProcess, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: app.env.DATABASE_URL });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

function aCase(creditorOin: string) {
  const today = new Date().toISOString().slice(0, 10);
  return {
    caseReference: `SHV-${freshId()}`,
    debtor: {
      bsn: BSN,
      initials: 'J.',
      givenNames: 'Janneke',
      surname: 'Verschuur',
      birthDate: '1980-05-17',
      address: { street: 'Stadsplateau', houseNumber: 1, postcode: '3521 az', city: 'Utrecht' },
    },
    admissionDate: today,
    pause: { start: today },
    creditors: [{ oin: creditorOin }],
  };
}

beforeAll(async () => {
  hub = await startHub();
  const muni = hub.pki.party('muni', testOin(2), 'Gemeente Portaal');
  const cred = hub.pki.party('cred', testOin(3), 'Schuldeiser Portaal');
  creditorOin = cred.oin;
  await hub.registerParty(muni, 'MUNICIPALITY', false);
  await hub.registerParty(cred, 'CREDITOR', false);
  municipality = await startMunicipalityAdapter(hub, muni, municipalityToken);
  creditor = await startCreditorAdapter(hub, cred);
}, 120_000);

afterAll(async () => {
  await municipality?.stop();
  await creditor?.app.stop();
  await hub?.teardown();
});

describe('portal users of the adapters', () => {
  it('logs in the seeded editor of each adapter and tells who is logged in', async () => {
    const answer = await call(municipality, 'POST', '/portal/login', { body: COUNSELLOR });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      token: expect.any(String),
      expiresAt: expect.any(String),
      role: 'editor',
      username: 'counsellor',
    });
    const ttl = Date.parse(answer.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(479 * 60_000);
    expect(ttl).toBeLessThanOrEqual(480 * 60_000);
    const me = await call(municipality, 'GET', '/portal/me', { token: answer.body.token });
    expect(me).toEqual({
      status: 200,
      body: { username: 'counsellor', role: 'editor', expiresAt: answer.body.expiresAt, kind: 'user' },
    });
    const atCreditor = await call(creditor.app, 'POST', '/portal/login', { body: CREDITOR });
    expect(atCreditor.body).toMatchObject({ role: 'editor', username: 'creditor' });
  });

  it('keeps the API token working as an editor for machine clients', async () => {
    const me = await call(municipality, 'GET', '/portal/me', { token: municipalityToken });
    expect(me.body).toEqual({ username: null, role: 'editor', expiresAt: null, kind: 'api' });
    const lookup = await call(creditor.app, 'POST', '/pauses/lookup', {
      token: creditor.token,
      body: { customerNumber: 'K-1' },
    });
    expect(lookup.status).toBe(200);
  });

  it('refuses a wrong password with 401, locks after 5 with 423 and lockedUntil, also for the right password', async () => {
    const name = `locky-${freshId()}`;
    const password = 'locky-password-1234';
    const added = await cli(municipality, ['user', 'add', name, '--role', 'editor'], {
      env: { PORTAL_USER_PASSWORD: password },
    });
    expect(added).toMatchObject({ code: 0 });
    const wrong = { username: name, password: 'not-the-password' };
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(await call(municipality, 'POST', '/portal/login', { body: wrong }));
    }
    expect(answers.slice(0, 4).map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(answers[0].body).toMatchObject({ message: 'username or password is incorrect', violations: [] });
    expect(answers[4].status).toBe(401);
    const locked = await call(municipality, 'POST', '/portal/login', { body: { username: name, password } });
    expect(locked.status).toBe(423);
    expect(Date.parse(locked.body.lockedUntil)).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect(locked.body.message).toContain('account locked after 5 failed logins');

    expect(await cli(municipality, ['user', 'unlock', name])).toMatchObject({ code: 0 });
    await login(municipality, { username: name, password });
  });

  it('adds a viewer with the CLI (password from the environment) who may GET but not POST /kennisgevingen', async () => {
    const name = `vera-${freshId()}`;
    const password = 'viewer-password-1234';
    const added = await cli(municipality, ['user', 'add', name, '--role', 'viewer'], {
      env: { PORTAL_USER_PASSWORD: password },
    });
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`added portal user ${name} (viewer)`);
    const listed = await cli(municipality, ['user', 'list']);
    expect(listed.stdout).toMatch(new RegExp(`^${name}\\tviewer\\tactive`, 'm'));

    const viewer = await login(municipality, { username: name, password });
    const read = await call(municipality, 'GET', '/kennisgevingen/SHV-does-not-exist', { token: viewer });
    expect(read.status).toBe(404);
    const write = await call(municipality, 'POST', '/kennisgevingen', {
      token: viewer,
      body: aCase(creditorOin),
    });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ statusCode: 403, message: 'requires role editor', violations: [] });
    const audit = await call(municipality, 'GET', '/portal/audit', { token: viewer });
    expect(audit.status).toBe(403);
  });

  it('lets a creditor viewer (password from stdin) look up pauses by POST, but not answer a message', async () => {
    const name = `viv-${freshId()}`;
    const password = 'creditor-viewer-1234';
    const added = await cli(creditor.app, ['user', 'add', name, '--role', 'viewer'], {
      stdin: `${password}\n`,
    });
    expect(added).toMatchObject({ code: 0 });
    const viewer = await login(creditor.app, { username: name, password });
    const lookup = await call(creditor.app, 'POST', '/pauses/lookup', {
      token: viewer,
      body: { customerNumber: 'K-1' },
    });
    expect(lookup.status).toBe(200);
    const answer = await call(creditor.app, 'POST', `/inbox/${freshId()}/acknowledgement`, {
      token: viewer,
      body: { decision: 'PAUSED' },
    });
    expect(answer.status).toBe(403);
    const inbox = await call(creditor.app, 'GET', '/inbox', { token: viewer });
    expect(inbox.status).toBe(200);
  });

  it('ends the session on logout', async () => {
    const token = await login(municipality, COUNSELLOR);
    expect((await call(municipality, 'GET', '/portal/me', { token })).status).toBe(200);
    expect((await call(municipality, 'POST', '/portal/logout', { token })).status).toBe(204);
    const after = await call(municipality, 'GET', '/portal/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('session expired or unknown; log in again');
    const anonymous = await call(municipality, 'GET', '/portal/me');
    expect(anonymous.body.message).toBe('login required');
  });

  it('refuses an expired session', async () => {
    const token = await login(creditor.app, CREDITOR);
    expect((await call(creditor.app, 'GET', '/inbox', { token })).status).toBe(200);
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const expired = await withDatabase(creditor.app, (db) =>
      db.query(
        `UPDATE "portal_session" SET "expires_at" = now() - interval '1 minute' WHERE "token_hash" = $1`,
        [tokenHash],
      ),
    );
    expect(expired.rowCount).toBe(1);
    const after = await call(creditor.app, 'GET', '/inbox', { token });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('session expired or unknown; log in again');
  });

  it('audits changes by portal users with action pattern, target and status, never personal data', async () => {
    const editor = await login(municipality, COUNSELLOR);
    const submitted = aCase(creditorOin);
    const created = await call(municipality, 'POST', '/kennisgevingen', { token: editor, body: submitted });
    expect(created.status).toBe(202);

    const name = `vic-${freshId()}`;
    expect(
      await cli(municipality, ['user', 'add', name, '--role', 'viewer'], {
        env: { PORTAL_USER_PASSWORD: 'viewer-password-5678' },
      }),
    ).toMatchObject({ code: 0 });
    const viewer = await login(municipality, { username: name, password: 'viewer-password-5678' });
    const refused = await call(municipality, 'POST', `/kennisgevingen/${submitted.caseReference}/progress`, {
      token: viewer,
      body: { kind: 'ADMITTED', note: `bsn ${BSN}` },
    });
    expect(refused.status).toBe(403);
    // an unknown username (perhaps a typed password) stays out of the audit
    const typo = `secret-typed-${freshId()}`;
    expect(
      (await call(municipality, 'POST', '/portal/login', { body: { username: typo, password: 'x' } })).status,
    ).toBe(401);

    const audit = await call(municipality, 'GET', '/portal/audit?limit=200', { token: editor });
    expect(audit.status).toBe(200);
    const items = audit.body.items as Json[];
    expect(items).toContainEqual(
      expect.objectContaining({
        username: 'counsellor',
        action: 'POST /kennisgevingen',
        target: null,
        status: 202,
      }),
    );
    expect(items).toContainEqual(
      expect.objectContaining({
        username: name,
        action: 'POST /kennisgevingen/:caseReference/progress',
        target: submitted.caseReference,
        status: 403,
      }),
    );
    expect(items).toContainEqual(expect.objectContaining({ username: 'counsellor', action: 'auth.login' }));
    expect(items).toContainEqual(expect.objectContaining({ username: null, action: 'auth.login_failed' }));
    expect(items).toContainEqual(
      expect.objectContaining({
        username: expect.stringMatching(/^cli:/),
        action: 'user.create',
        target: name,
      }),
    );
    // newest first
    const ids = items.map((i) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const text = JSON.stringify(items);
    for (const personal of [BSN, 'Verschuur', 'Janneke', '1980-05-17', '3521', typo]) {
      expect(text).not.toContain(personal);
    }
    const page = await call(municipality, 'GET', '/portal/audit?limit=2', { token: editor });
    expect(page.body.items).toHaveLength(2);
    const next = await call(municipality, 'GET', `/portal/audit?limit=2&cursor=${page.body.nextCursor}`, {
      token: editor,
    });
    expect(Number(next.body.items[0].id)).toBeLessThan(Number(page.body.items[1].id));
  });

  it('changes the own password and ends the other sessions', async () => {
    const name = `pat-${freshId()}`;
    const first = 'first-password-1234';
    const second = 'second-password-1234';
    expect(
      await cli(creditor.app, ['user', 'add', name, '--role', 'viewer'], {
        env: { PORTAL_USER_PASSWORD: first },
      }),
    ).toMatchObject({ code: 0 });
    const other = await login(creditor.app, { username: name, password: first });
    const current = await login(creditor.app, { username: name, password: first });
    const changed = await call(creditor.app, 'POST', '/portal/password', {
      token: current,
      body: { currentPassword: first, newPassword: second },
    });
    expect(changed).toEqual({ status: 200, body: { revokedSessions: 1 } });
    expect((await call(creditor.app, 'GET', '/portal/me', { token: other })).status).toBe(401);
    expect((await call(creditor.app, 'GET', '/portal/me', { token: current })).status).toBe(200);
    await login(creditor.app, { username: name, password: second });
  });
});
