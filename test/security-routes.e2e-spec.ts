import { request as httpRequest } from 'node:http';
import { AppProcess } from './support/app-process';
import { startCreditorAdapter } from './support/creditor-network';
import { eventually } from './support/eventually';
import { api, login } from './support/hub-api-client';
import { HUB_ADMIN, HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { freshId, testOin } from './support/test-env';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Sends the path byte for byte (fetch would normalise backslashes and dot segments away). */
function raw(
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseUrl);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port,
        method,
        path,
        // a fresh connection per request, and an explicit length: Node's client sends no framing
        // for a DELETE body by default, which a server rightly reads as a broken next request
        agent: false,
        headers: {
          ...(body
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface Route {
  method: string;
  path: string;
}

/** Every route a running app documents: its own OpenAPI document, so a new route is swept too. */
async function routesOf(app: AppProcess): Promise<Route[]> {
  const response = await fetch(`${app.url}/docs-json`);
  expect(response.status).toBe(200);
  const document = (await response.json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path })),
  );
}

/** A path with each `{param}` filled in with something plausible. */
function concrete(path: string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    /oin/i.test(name)
      ? '00000099000000000001'
      : /id$/i.test(name)
        ? '2d3f4c5e-6a7b-4c8d-9e0f-a1b2c3d4e5f6'
        : 'x',
  );
}

/** The spellings an attacker tries to slip past a guard that reads the path text. */
function variants(path: string): Record<string, string> {
  const first = path.split('/')[1] ?? '';
  const letter = first[0] ?? 'a';
  const rest = path.slice(1 + first.length);
  const encoded = `%${letter.charCodeAt(0).toString(16)}`;
  return {
    upper: path.toUpperCase(),
    mixed: `/${first[0]?.toUpperCase() ?? ''}${first.slice(1)}${rest}`,
    'percent-encoded letter': `/${encoded}${first.slice(1)}${rest}`,
    'double slash': `/${path}`,
    'inner double slash': path.replace(/\/([^/]*)$/, '//$1'),
    'trailing slash': `${path}/`,
    'trailing dot': `${path}.`,
    backslash: path.replace(/\/([^/]*)$/, '\\$1'),
    'dot segment': `/.${path}`,
  };
}

/** Routes that need no credential, by design. */
const PUBLIC_ROUTES = new Set([
  'POST /api/auth/login',
  'POST /portal/login',
  'GET /api/directory',
  // the resident's Pauzeknop page and its API (DESIGN §11): no login by design
  'GET /pauzeknop',
  'GET /api/pauzeknop/municipalities',
  'GET /api/pauzeknop/challenge',
  'POST /api/pauzeknop/requests',
]);

describe('deny by default: every route of every app × odd spellings without a credential', () => {
  let hub: HubHarness;
  let municipality: AppProcess;
  let creditor: AppProcess;
  let admin: string;
  let creditorOin: string;

  beforeAll(async () => {
    hub = await startHub();
    admin = await login(hub.hub.url, HUB_ADMIN.username, HUB_ADMIN.password);
    const muni = hub.pki.party('muni', testOin(2), 'Gemeente Sweep');
    const cred = hub.pki.party('cred', testOin(3), 'Creditor Sweep');
    creditorOin = cred.oin;
    await hub.registerParty(muni, 'MUNICIPALITY', false);
    await hub.registerParty(cred, 'CREDITOR', false);
    municipality = await startMunicipalityAdapter(hub, muni, `muni-token-${freshId()}`);
    // the creditor adapter runs behind a trusted proxy and allows one browser origin
    creditor = (
      await startCreditorAdapter(hub, cred, {
        TRUST_PROXY: 'loopback',
        CORS_ORIGINS: 'https://portal.example',
      })
    ).app;
  }, 120_000);

  afterAll(async () => {
    await municipality?.stop();
    await creditor?.stop();
    await hub?.teardown();
  });

  const apps = (): [string, AppProcess][] => [
    ['hub', hub.hub],
    ['municipality adapter', municipality],
    ['creditor adapter', creditor],
  ];

  it('finds the routes of each app in its running OpenAPI document', async () => {
    const [hubRoutes, muniRoutes, credRoutes] = await Promise.all(apps().map(([, app]) => routesOf(app)));
    expect(hubRoutes).toContainEqual({ method: 'PATCH', path: '/api/parties/{oin}' });
    expect(hubRoutes.length).toBeGreaterThan(10);
    expect(muniRoutes.length).toBeGreaterThan(3);
    expect(credRoutes.length).toBeGreaterThan(3);
  });

  it('serves the public directory without a credential: metadata of active parties only', async () => {
    const answer = await raw(hub.hub.url, 'GET', '/api/directory');
    expect(answer.status).toBe(200);
    const entries = JSON.parse(answer.text) as Array<Record<string, unknown>>;
    expect(entries).toContainEqual({
      oin: creditorOin,
      name: 'Creditor Sweep',
      kind: 'CREDITOR',
      bsnAllowed: false,
    });
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['bsnAllowed', 'kind', 'name', 'oin']);
    }
    expect(answer.text).not.toMatch(/CERTIFICATE|broker/i);
  });

  it('answers 401 on the exact spelling and 400/401/404 on every variant, never data', async () => {
    const failures: string[] = [];
    for (const [name, app] of apps()) {
      for (const route of await routesOf(app)) {
        const path = concrete(route.path);
        const isPublic = PUBLIC_ROUTES.has(`${route.method} ${route.path}`);
        const body = route.method === 'GET' ? undefined : {};
        if (!isPublic) {
          const exact = await raw(app.url, route.method, path, { body }).catch((error: Error) => ({
            status: -1,
            text: error.message,
          }));
          if (exact.status !== 401) {
            failures.push(`${name} ${route.method} ${path}: ${exact.status} ${exact.text.slice(0, 120)}`);
          }
        }
        for (const [kind, variant] of Object.entries(variants(path))) {
          const answer = await raw(app.url, route.method, variant, { body }).catch((error: Error) => ({
            status: -1,
            text: error.message,
          }));
          const allowed = isPublic ? [400, 404] : [400, 401, 404];
          if (!allowed.includes(answer.status)) {
            failures.push(
              `${name} ${route.method} ${variant} (${kind}): ${answer.status} ${answer.text.slice(0, 120)}`,
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('refuses the anonymous PATCH /API/parties/<oin> {"bsnAllowed":true}, leaves the party unchanged and audits the refusal', async () => {
    for (const path of [
      `/API/parties/${creditorOin}`,
      `/Api/parties/${creditorOin}`,
      `/%61pi/parties/${creditorOin}`,
    ]) {
      const attack = await raw(hub.hub.url, 'PATCH', path, { body: { bsnAllowed: true } });
      expect([400, 401, 404]).toContain(attack.status);
    }
    const exact = await raw(hub.hub.url, 'PATCH', `/api/parties/${creditorOin}`, {
      body: { bsnAllowed: true },
    });
    expect(exact.status).toBe(401);

    const party = await api<{ bsnAllowed: boolean }>(hub.hub.url, 'GET', `/api/parties/${creditorOin}`, {
      token: admin,
    });
    expect(party.status).toBe(200);
    expect(party.body.bsnAllowed).toBe(false);

    type Entry = {
      operator: string | null;
      action: string;
      target: string | null;
      detail: Record<string, unknown>;
    };
    const audit = await eventually(
      async () => {
        const r = await api<{ items: Entry[] }>(hub.hub.url, 'GET', '/api/audit?limit=200', { token: admin });
        const refusals = r.body.items.filter((e) => e.detail?.outcome === 'refused');
        return refusals.length >= 4 ? refusals : undefined;
      },
      { what: 'four audited refusals' },
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        operator: null,
        action: 'http.refused',
        detail: expect.objectContaining({
          method: 'PATCH',
          path: '/api/parties/:oin',
          spelling: 'variant',
          status: 404,
        }),
      }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        operator: null,
        action: 'parties.update',
        detail: expect.objectContaining({ method: 'PATCH', path: '/api/parties/:oin', status: 401 }),
      }),
    );
    // the pattern, never the raw path, is kept
    expect(JSON.stringify(audit)).not.toContain(creditorOin);
  });

  it('audits a viewer refused on an admin route with who, action, pattern and 403', async () => {
    const username = `viewer-${freshId()}`;
    const password = 'viewer-password-1234';
    expect(
      (
        await api(hub.hub.url, 'POST', '/api/operators', {
          token: admin,
          body: { username, password, role: 'viewer' },
        })
      ).status,
    ).toBe(201);
    const viewer = await login(hub.hub.url, username, password);
    const refused = await api(hub.hub.url, 'PATCH', `/api/parties/${creditorOin}`, {
      token: viewer,
      body: { bsnAllowed: true },
    });
    expect(refused.status).toBe(403);
    await eventually(
      async () => {
        const r = await api<{ items: { detail: Record<string, unknown> }[] }>(
          hub.hub.url,
          'GET',
          `/api/audit?operator=${username}&action=parties.update`,
          { token: admin },
        );
        return r.body.items.some((e) => e.detail.status === 403 && e.detail.path === '/api/parties/:oin');
      },
      { what: "the viewer's refused PATCH in the audit log" },
    );
  });

  it('sends the security headers on every app, HSTS only over TLS from a trusted proxy, and no CORS unless configured', async () => {
    for (const [, app] of apps()) {
      for (const path of ['/health', '/api/nothing-here', '/%61pi']) {
        const answer = await raw(app.url, 'GET', path);
        expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
        expect(answer.headers['x-content-type-options']).toBe('nosniff');
        expect(answer.headers['referrer-policy']).toBe('no-referrer');
        expect(answer.headers['x-powered-by']).toBeUndefined();
        expect(answer.headers['strict-transport-security']).toBeUndefined();
      }
    }
    // x-forwarded-proto is believed only from a proxy the app trusts
    const untrusted = await raw(hub.hub.url, 'GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
    const trusted = await raw(creditor.url, 'GET', '/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(trusted.headers['strict-transport-security']).toMatch(/max-age=\d+/);

    const preflight = {
      origin: 'https://evil.example',
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'authorization',
    };
    for (const [, app] of apps()) {
      const answer = await raw(app.url, 'OPTIONS', '/api/messages', { headers: preflight });
      expect(answer.headers['access-control-allow-origin']).toBeUndefined();
    }
    const allowed = await raw(creditor.url, 'OPTIONS', '/api/inbox', {
      headers: { ...preflight, origin: 'https://portal.example' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
  });
});
