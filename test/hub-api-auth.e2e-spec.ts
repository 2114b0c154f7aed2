import { randomBytes, createHash } from 'node:crypto';
import { HubDb } from './support/hub-db';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { api, login } from './support/hub-api-client';

/** Operator login, sessions, lockout, roles and the audit log, against a real hub process. */
describe('hub operator API: authentication and roles', () => {
  let hub: HubHarness;
  let db: HubDb;
  let url: string;
  let admin: string;

  beforeAll(async () => {
    // X-Forwarded-For from the test itself is believed, so tests can speak from many addresses
    hub = await startHub({ TRUST_PROXY: 'loopback' });
    url = hub.hub.url;
    db = await HubDb.open((await hub.hubEnv()).DATABASE_URL);
    admin = await login(url, HUB_ADMIN.username, HUB_ADMIN.password).catch((error: Error) => {
      throw new Error(`${error.message}\n${hub.hub.tail()}`);
    });
  });

  afterAll(async () => {
    await db?.close();
    await hub?.teardown();
  });

  it('creates the first admin from the environment and logs in with a session token', async () => {
    const me = await api(url, 'GET', '/api/auth/me', { token: admin });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: HUB_ADMIN.username, role: 'admin' });
    const [row] = await db.query<{ password_hash: string }>(
      `SELECT "password_hash" FROM "operator" WHERE "username" = $1`,
      [HUB_ADMIN.username],
    );
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(HUB_ADMIN.password);
  });

  it('refuses a wrong password and an unknown user with the same 401 message', async () => {
    const wrong = await api(url, 'POST', '/api/auth/login', {
      body: { username: HUB_ADMIN.username, password: 'not-the-password' },
    });
    const unknown = await api(url, 'POST', '/api/auth/login', {
      body: { username: 'nobody-here', password: 'whatever-it-is' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((wrong.body as { message: string }).message).toBe((unknown.body as { message: string }).message);
    // a successful login resets the failure count of the admin
    await login(url, HUB_ADMIN.username, HUB_ADMIN.password);
  });

  it('requires a valid bearer token on every /api route, but not on health, metrics and docs', async () => {
    for (const path of [
      '/api/parties',
      '/api/messages',
      '/api/stats',
      '/api/audit',
      '/api/operators',
      '/api/auth/me',
    ]) {
      expect((await api(url, 'GET', path)).status).toBe(401);
      expect((await api(url, 'GET', path, { token: 'made-up-token' })).status).toBe(401);
    }
    expect((await api(url, 'GET', '/health')).status).toBe(200);
    expect((await api(url, 'GET', '/metrics')).status).toBe(200);
    expect((await api(url, 'GET', '/docs')).status).toBe(200);
  });

  it('locks an account after 5 failed logins in a row, also for the right password, and audits the lockout', async () => {
    const username = `locky-${randomBytes(3).toString('hex')}`;
    const password = 'a-long-enough-password';
    expect(
      (
        await api(url, 'POST', '/api/operators', {
          token: admin,
          body: { username, password, role: 'viewer' },
        })
      ).status,
    ).toBe(201);
    for (let i = 1; i <= 5; i++) {
      const r = await api(url, 'POST', '/api/auth/login', { body: { username, password: `wrong-${i}` } });
      expect(r.status).toBe(401);
    }
    const locked = await api<{ message: string; lockedUntil: string }>(url, 'POST', '/api/auth/login', {
      body: { username, password },
    });
    expect(locked.status).toBe(423);
    expect(locked.body.message).toMatch(/locked/);
    const until = new Date(locked.body.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const audit = await api<{ items: { action: string; target: string }[] }>(
      url,
      'GET',
      `/api/audit?action=auth.locked`,
      { token: admin },
    );
    expect(audit.body.items.some((e) => e.target === username)).toBe(true);
  });

  it('refuses an expired session and a logged-out session with 401', async () => {
    const token = randomBytes(32).toString('base64url');
    const [adminRow] = await db.query<{ id: string }>(`SELECT "id" FROM "operator" WHERE "username" = $1`, [
      HUB_ADMIN.username,
    ]);
    await db.query(
      `INSERT INTO "operator_session" ("token_hash", "operator_id", "created_at", "expires_at") VALUES ($1, $2, now() - interval '9 hours', now() - interval '1 hour')`,
      [createHash('sha256').update(token).digest('hex'), adminRow.id],
    );
    const expired = await api<{ message: string }>(url, 'GET', '/api/parties', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.message).toMatch(/expired/);

    const session = await login(url, HUB_ADMIN.username, HUB_ADMIN.password);
    expect((await api(url, 'GET', '/api/parties', { token: session })).status).toBe(200);
    expect((await api(url, 'POST', '/api/auth/logout', { token: session })).status).toBe(204);
    expect((await api(url, 'GET', '/api/parties', { token: session })).status).toBe(401);
  });

  it('gives a session the configured lifetime', async () => {
    const r = await api<{ expiresAt: string; role: string }>(url, 'POST', '/api/auth/login', {
      body: HUB_ADMIN,
    });
    const minutes = (new Date(r.body.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(478);
    expect(minutes).toBeLessThanOrEqual(480);
    expect(r.body.role).toBe('admin');
  });

  it('lets a viewer read but refuses admin actions with 403, and audits admin actions with who, what and target', async () => {
    const username = `viewer-${randomBytes(3).toString('hex')}`;
    const password = 'viewer-password-123';
    const created = await api(url, 'POST', '/api/operators', {
      token: admin,
      body: { username, password, role: 'viewer' },
    });
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(password);
    const viewer = await login(url, username, password);

    expect((await api(url, 'GET', '/api/parties', { token: viewer })).status).toBe(200);
    expect((await api(url, 'GET', '/api/operators', { token: viewer })).status).toBe(403);
    expect((await api(url, 'GET', '/api/audit', { token: viewer })).status).toBe(403);
    const party = {
      oin: '00000099123456780001',
      name: 'Viewer attempt',
      kind: 'CREDITOR',
      bsnAllowed: false,
      certificatePem: hub.hubParty.certPem,
    };
    expect((await api(url, 'POST', '/api/parties', { token: viewer, body: party })).status).toBe(403);
    expect(
      (
        await api(url, 'POST', '/api/operators', {
          token: viewer,
          body: { username: 'x-viewer-made', password, role: 'admin' },
        })
      ).status,
    ).toBe(403);

    const creditor = hub.pki.party(
      'audited',
      `00000099${String(Date.now()).slice(-8)}0002`,
      'Audited creditor',
    );
    await hub.registerParty(creditor, 'CREDITOR', false);
    expect(
      (
        await api(url, 'PATCH', `/api/parties/${creditor.oin}`, {
          token: admin,
          body: { status: 'SUSPENDED' },
        })
      ).status,
    ).toBe(200);

    const audit = await api<{
      items: {
        operator: string;
        action: string;
        target: string;
        at: string;
        detail: Record<string, unknown>;
      }[];
    }>(url, 'GET', '/api/audit?limit=200', { token: admin });
    expect(audit.status).toBe(200);
    const entries = audit.body.items;
    expect(entries.find((e) => e.action === 'operator.create' && e.target === username)).toMatchObject({
      operator: HUB_ADMIN.username,
    });
    expect(entries.find((e) => e.action === 'parties.register' && e.target === creditor.oin)).toMatchObject({
      operator: HUB_ADMIN.username,
    });
    expect(entries.find((e) => e.action === 'parties.update' && e.target === creditor.oin)).toMatchObject({
      operator: HUB_ADMIN.username,
      detail: { status: 200 },
    });
    // the viewer did nothing but log in; its refused attempts are audited as refusals (403)
    const byViewer = entries.filter((e) => e.operator === username && e.action !== 'auth.login');
    expect(byViewer.length).toBeGreaterThan(0);
    for (const entry of byViewer) {
      expect(entry.detail).toMatchObject({ outcome: 'refused', status: 403 });
    }
    expect(JSON.stringify(entries)).not.toContain(password);
    // the log is append-only in the database itself
    await expect(db.query(`UPDATE "audit_log" SET "operator" = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
  });

  /** Sum of the hub's password-check counter over all results. */
  async function passwordChecks(): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('skp_hub_password_checks_total'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  async function newOperator(
    role: 'viewer' | 'admin' = 'viewer',
  ): Promise<{ username: string; password: string }> {
    const username = `op-${randomBytes(3).toString('hex')}`;
    const password = `pw-${randomBytes(9).toString('hex')}`;
    const created = await api(url, 'POST', '/api/operators', {
      token: admin,
      body: { username, password, role },
    });
    expect(created.status).toBe(201);
    return { username, password };
  }

  function loginFrom(address: string, username: string, password: string) {
    return fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
  }

  it('checks at most 5 passwords for 20 parallel wrong logins, and the account ends up locked', async () => {
    const { username, password } = await newOperator();
    const before = await passwordChecks();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => loginFrom(`192.0.2.${i + 1}`, username, `wrong-guess-${i}`)),
    );
    const checks = (await passwordChecks()) - before;
    expect(checks).toBeGreaterThan(0);
    expect(checks).toBeLessThanOrEqual(5);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 423)).toBe(true);
    expect((await loginFrom('192.0.2.99', username, password)).status).toBe(423);
  });

  it('limits login attempts per client address with 429 and Retry-After', async () => {
    // a locked account answers without a password check, so the attempts are cheap
    const { username } = await newOperator();
    for (let i = 0; i < 5; i++) {
      expect((await loginFrom(`203.0.113.${i + 1}`, username, `wrong-${i}`)).status).toBe(401);
    }
    const address = '198.51.100.7';
    let limited: Response | undefined;
    for (let i = 0; i < 31 && !limited; i++) {
      const answer = await loginFrom(address, username, 'whatever-it-is');
      if (answer.status === 429) {
        limited = answer;
      } else {
        expect(answer.status).toBe(423);
      }
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    // another address is not affected
    expect((await loginFrom('198.51.100.8', username, 'whatever-it-is')).status).toBe(423);
  });

  it('changes the own password with the current one and ends the other sessions', async () => {
    const { username, password } = await newOperator();
    const mine = await login(url, username, password);
    const other = await login(url, username, password);
    const newPassword = `new-${randomBytes(9).toString('hex')}`;

    const wrongCurrent = await api(url, 'POST', '/api/auth/password', {
      token: mine,
      body: { currentPassword: 'not-my-password', newPassword },
    });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.text).toContain('currentPassword');
    const tooShort = await api(url, 'POST', '/api/auth/password', {
      token: mine,
      body: { currentPassword: password, newPassword: 'short-pw' },
    });
    expect(tooShort.status).toBe(400);
    expect(tooShort.text).toContain('at least 12 characters');
    expect(
      (await api(url, 'POST', '/api/auth/password', { body: { currentPassword: password, newPassword } }))
        .status,
    ).toBe(401);

    const changed = await api(url, 'POST', '/api/auth/password', {
      token: mine,
      body: { currentPassword: password, newPassword },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ revokedSessions: 1 });
    expect((await api(url, 'GET', '/api/auth/me', { token: mine })).status).toBe(200);
    expect((await api(url, 'GET', '/api/auth/me', { token: other })).status).toBe(401);
    expect((await api(url, 'POST', '/api/auth/login', { body: { username, password } })).status).toBe(401);
    await login(url, username, newPassword);
    expect(changed.text).not.toContain(newPassword);
  });

  it('lets an admin disable an operator: its sessions end, it cannot log in, until enabled again', async () => {
    const { username, password } = await newOperator();
    const session = await login(url, username, password);
    const viewerTry = await api(url, 'PATCH', `/api/operators/${HUB_ADMIN.username}`, {
      token: session,
      body: { disabled: true },
    });
    expect(viewerTry.status).toBe(403);

    const disabled = await api<{ disabled: boolean }>(url, 'PATCH', `/api/operators/${username}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await api(url, 'GET', '/api/auth/me', { token: session })).status).toBe(401);
    const refused = await api(url, 'POST', '/api/auth/login', { body: { username, password } });
    expect(refused.status).toBe(401);

    const self = await api(url, 'PATCH', `/api/operators/${HUB_ADMIN.username}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(self.status).toBe(400);
    expect(
      (
        await api(url, 'PATCH', `/api/operators/nobody-${randomBytes(2).toString('hex')}`, {
          token: admin,
          body: { disabled: true },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api(url, 'PATCH', `/api/operators/${username}`, { token: admin, body: { disabled: 'yes' } }))
        .status,
    ).toBe(400);

    expect(
      (await api(url, 'PATCH', `/api/operators/${username}`, { token: admin, body: { disabled: false } }))
        .status,
    ).toBe(200);
    await login(url, username, password);
    const audit = await api<{ items: { action: string; target: string; detail: Record<string, unknown> }[] }>(
      url,
      'GET',
      '/api/audit?action=operator.disable',
      { token: admin },
    );
    expect(audit.body.items.find((e) => e.target === username)?.detail).toEqual({ revokedSessions: 1 });
  });
});
