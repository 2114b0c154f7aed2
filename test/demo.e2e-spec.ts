import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './support/app-process';
import { deleteBrokerTopology } from './support/broker';
import { eventually } from './support/eventually';
import { dropDatabases, freshId } from './support/test-env';

const ROOT = join(__dirname, '..');

/** Processes whose environment carries this demo run's AMQP prefix: the demo's own apps. */
function processesOf(prefix: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`AMQP_PREFIX=${prefix}`)) {
        pids.push(Number(entry));
      }
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** `npm run demo` as a new user runs it (after the set-up `npm test` already did): fresh database and prefix. */
describe('demo', () => {
  const id = freshId();
  const prefix = `skpdemo_${id}`;
  const databasePrefix = `skp_demotest_${id}`;
  let demo: ChildProcess;
  let output = '';
  let ports: Record<string, number>;
  const pkiDir = mkdtempSync(join(tmpdir(), 'skp-demo-pki-'));

  beforeAll(async () => {
    ports = {
      hub: await freePort(),
      municipality: await freePort(),
      pub: await freePort(),
      priv: await freePort(),
    };
    demo = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts', 'register-paths.js'), join(ROOT, 'dist', 'scripts', 'demo', 'demo.js')],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          AMQP_PREFIX: prefix,
          DEMO_DATABASE_PREFIX: databasePrefix,
          PKI_DIR: pkiDir,
          DEMO_LOG_DIR: mkdtempSync(join(tmpdir(), 'skp-demo-logs-')),
          DEMO_HUB_PORT: String(ports.hub),
          DEMO_MUNICIPALITY_PORT: String(ports.municipality),
          DEMO_CREDITOR_PUBLIC_PORT: String(ports.pub),
          DEMO_CREDITOR_PRIVATE_PORT: String(ports.priv),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(() => output.includes('demo network is running') || demo.exitCode !== null, {
      timeoutMs: 150_000,
      what: 'demo start',
    });
    if (demo.exitCode !== null) {
      throw new Error(`demo exited during start:\n${output}`);
    }
  });

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      demo.kill('SIGKILL');
    }
    for (const pid of processesOf(prefix)) {
      process.kill(pid, 'SIGKILL');
    }
    await dropDatabases(
      ['hub', 'municipality', 'creditor_public', 'creditor_private'].map((db) => `${databasePrefix}_${db}`),
    );
    const parties = JSON.parse(readFileSync(join(pkiDir, 'parties.json'), 'utf8')) as { oin: string }[];
    await deleteBrokerTopology(
      prefix,
      parties.map((p) => p.oin),
    );
  });

  const call = async (port: number, method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
  };

  it('starts every app, carries a Kennisgeving to both creditors and back, shows the timeline, and stops cleanly', async () => {
    for (const port of Object.values(ports)) {
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    }
    expect(output).toContain('login admin / demo-admin');
    expect(output).toContain('demo-municipality');
    // the Pauzeknop page is printed and lists the demo municipality to choose from
    expect(output).toContain(`http://127.0.0.1:${ports.hub}/pauzeknop`);
    expect((await fetch(`http://127.0.0.1:${ports.hub}/pauzeknop`)).headers.get('content-type')).toMatch(
      /^text\/html/,
    );
    const { body: municipalities } = await call(ports.hub, 'GET', '/api/pauzeknop/municipalities', '');
    expect(municipalities.municipalities).toContainEqual(
      expect.objectContaining({ name: 'Gemeente Utrecht', gemeentecodes: ['0344'] }),
    );
    // every portal is printed with its login, and the login works
    const portals: [number, string, string][] = [
      [ports.municipality, 'counsellor', 'demo-counsellor'],
      [ports.pub, 'creditor', 'demo-creditor'],
      [ports.priv, 'creditor', 'demo-creditor'],
    ];
    for (const [port, username, password] of portals) {
      expect(output).toContain(`http://127.0.0.1:${port}/   login ${username} / ${password}`);
      const { status, body } = await call(port, 'POST', '/portal/login', '', { username, password });
      expect([status, body.role]).toEqual([200, 'editor']);
      expect((await fetch(`http://127.0.0.1:${port}/`)).headers.get('content-type')).toMatch(/^text\/html/);
    }

    const { body: partyList } = await call(
      ports.hub,
      'GET',
      '/api/parties',
      (await call(ports.hub, 'POST', '/api/auth/login', '', { username: 'admin', password: 'demo-admin' }))
        .body.token,
    );
    const creditors = partyList.parties.filter((p: any) => p.kind === 'CREDITOR');
    expect(creditors).toHaveLength(2);
    const privateCreditor = creditors.find((p: any) => !p.bsnAllowed);

    const today = new Date().toISOString().slice(0, 10);
    const reference = `DEMO-E2E-${freshId()}`;
    const submitted = await call(ports.municipality, 'POST', '/kennisgevingen', 'demo-municipality', {
      caseReference: reference,
      debtor: {
        bsn: '111222333',
        givenNames: 'Demo',
        surname: 'Gebruiker',
        birthDate: '1990-06-01',
        address: { street: 'Neude', houseNumber: 11, postcode: '3512AE', city: 'Utrecht' },
      },
      admissionDate: today,
      pause: { start: today },
      creditors: creditors.map((c: any) => ({ oin: c.oin })),
    });
    expect(submitted.status).toBe(202);
    const toPrivate = submitted.body.messages.find((m: any) => m.creditor === privateCreditor.oin).messageId;

    const entry = await eventually(async () => {
      const response = await call(ports.priv, 'GET', `/inbox/${toPrivate}`, 'demo-creditor-private');
      return response.status === 200 ? response.body : undefined;
    });
    const answer = await call(
      ports.priv,
      'POST',
      `/inbox/${toPrivate}/acknowledgement`,
      'demo-creditor-private',
      {
        decision: 'PAUSED',
        pausedUntil: entry.pause.end,
      },
    );
    expect(answer.status).toBe(201);

    await eventually(
      async () => {
        const { body } = await call(
          ports.municipality,
          'GET',
          `/kennisgevingen/${reference}`,
          'demo-municipality',
        );
        return body?.creditors?.length === 2 && body.creditors.every((c: any) => c.state === 'PAUSED');
      },
      { what: 'PAUSED twice at the municipality', timeoutMs: 60_000 },
    );

    const token = (
      await call(ports.hub, 'POST', '/api/auth/login', '', { username: 'admin', password: 'demo-admin' })
    ).body.token;
    const detail = await call(ports.hub, 'GET', `/api/messages/${toPrivate}`, token);
    expect(detail.status).toBe(200);
    const kinds = JSON.stringify(detail.body);
    for (const kind of ['RECEIVED', 'ROUTED', 'DELIVERED', 'ANSWERED']) {
      expect(kinds).toContain(kind);
    }
    expect(kinds).not.toContain('111222333');

    // the sample Collectief Schuldregelen dossier: the public creditor answers from its claims with
    // pre-approval, the demo answers for the private creditor's staff by hand
    await eventually(() => output.includes('sample dossier'), { timeoutMs: 120_000, what: 'sample dossier' });
    expect(output).toContain('sample dossier   UTR-SR-2026-0001 AGREED');
    const dossier = await call(
      ports.municipality,
      'GET',
      '/schuldregelingen/UTR-SR-2026-0001',
      'demo-municipality',
    );
    expect(dossier.body.state).toBe('AGREED');
    const byCreditor = Object.fromEntries(dossier.body.creditors.map((c: any) => [c.oin, c]));
    expect(byCreditor[privateCreditor.oin].response).toMatchObject({
      decision: 'ACCEPTED',
      byPreApproval: false,
    });
    const publicCreditor = creditors.find((p: any) => p.bsnAllowed);
    expect(byCreditor[publicCreditor.oin]).toMatchObject({
      preApproval: true,
      response: { decision: 'ACCEPTED', byPreApproval: true },
    });

    const children = processesOf(prefix).filter((pid) => pid !== demo.pid);
    expect(children.length).toBeGreaterThanOrEqual(4);
    demo.kill('SIGINT');
    await eventually(() => demo.exitCode !== null, { timeoutMs: 60_000, what: 'demo exit' });
    expect(demo.exitCode).toBe(0);
    expect(processesOf(prefix)).toEqual([]);
    for (const port of Object.values(ports)) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });
});
