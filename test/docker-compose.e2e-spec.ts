import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The docker/ files: `docker compose config -q` where the compose client exists (it validates
 * without an engine), and text checks that always run, with no YAML parser: the files are kept
 * in a plain shape (two-space indent, services as top-level keys under `services:`).
 */

const ROOT = resolve(__dirname, '..');
const read = (path: string): string => readFileSync(resolve(ROOT, path), 'utf8');
const COMPOSE_FILES = ['docker/compose.yml', 'docker/compose.cluster.yml'];
const APPS = ['hub', 'municipality-adapter', 'creditor-adapter'];

/** The indented block that follows `key:` at `indent` spaces, up to the next line at that indent or less. */
function blockAfter(lines: string[], start: number, indent: number): string[] {
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const lead = line.length - line.trimStart().length;
    if (line.trim() !== '' && lead <= indent) {
      break;
    }
    block.push(line);
  }
  return block;
}

/** Each service's text, with `*anchor` references expanded from the file's `&anchor` blocks. */
function servicesOf(text: string): Map<string, string> {
  const lines = text.split('\n');
  const anchors = new Map<string, string>();
  lines.forEach((line, i) => {
    const match = /^(\s*)[\w-]+:\s*&([\w-]+)\s*$/.exec(line);
    if (match) {
      anchors.set(match[2], blockAfter(lines, i, match[1].length).join('\n'));
    }
  });
  // `<<: *a` merges the anchored block; `key: *a` takes it as the key's value
  const expand = (block: string, depth = 0): string =>
    depth > 3
      ? block
      : block
          .replace(/^\s*<<:\s*\*([\w-]+)\s*$/gm, (_, name: string) =>
            expand(anchors.get(name) ?? '', depth + 1),
          )
          .replace(
            /^(\s*[\w-]+:)\s*\*([\w-]+)\s*$/gm,
            (_, key: string, name: string) => `${key}\n${expand(anchors.get(name) ?? '', depth + 1)}`,
          );
  const servicesAt = lines.findIndex((line) => line === 'services:');
  const services = new Map<string, string>();
  blockAfter(lines, servicesAt, 0).forEach((line, i, block) => {
    const match = /^ {2}([\w-]+):\s*$/.exec(line);
    if (match) {
      services.set(match[1], expand(blockAfter(block, i, 2).join('\n')));
    }
  });
  return services;
}

/** `depends_on` targets of a service with their conditions. */
function dependenciesOf(serviceText: string): Array<{ target: string; condition: string }> {
  const lines = serviceText.split('\n');
  const at = lines.findIndex((line) => /^\s*depends_on:\s*$/.test(line));
  if (at < 0) {
    return [];
  }
  const indent = lines[at].length - lines[at].trimStart().length;
  const block = blockAfter(lines, at, indent);
  return block.flatMap((line, i) => {
    const match = new RegExp(`^ {${indent + 2}}([\\w-]+):\\s*$`).exec(line);
    const condition = /condition:\s*(\w+)/.exec(block[i + 1] ?? '')?.[1];
    return match ? [{ target: match[1], condition: condition ?? '(none)' }] : [];
  });
}

function dockerComposeAvailable(): { ok: boolean; reason: string } {
  const probe = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error || probe.status !== 0) {
    return { ok: false, reason: (probe.error?.message ?? probe.stderr ?? '').trim().split('\n')[0] };
  }
  return { ok: true, reason: probe.stdout.trim() };
}

const compose = dockerComposeAvailable();
if (!compose.ok) {
  // a skipped check must say why, or a green run hides that the files were never validated
  console.warn(`docker compose unavailable (${compose.reason}): skipping \`docker compose config -q\``);
}
const itWithCompose = compose.ok ? it : it.skip;

describe('docker/ compose files', () => {
  describe.each(COMPOSE_FILES)('%s', (file) => {
    const text = read(file);
    const services = servicesOf(text);

    itWithCompose('passes `docker compose config -q`', () => {
      const result = spawnSync('docker', ['compose', '-f', file, 'config', '-q'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
    });

    it('is plain YAML: spaces only, no tabs', () => {
      expect(text).not.toMatch(/\t/);
      expect(services.size).toBeGreaterThan(3);
    });

    it('has a healthcheck on every service another one waits for to be healthy', () => {
      const waits = [...services].flatMap(([name, body]) =>
        dependenciesOf(body).map((d) => ({ name, ...d })),
      );
      expect(waits.length).toBeGreaterThan(0);
      for (const { name, target, condition } of waits) {
        const targetText = services.get(target);
        expect({ name, target, exists: targetText !== undefined }).toEqual({ name, target, exists: true });
        expect({ name, target, condition }).toEqual({
          name,
          target,
          condition: expect.stringMatching(/^service_(healthy|completed_successfully)$/),
        });
        if (condition === 'service_healthy') {
          expect({
            target,
            healthcheck: /healthcheck:/.test(targetText!) && !/disable: true/.test(targetText!),
          }).toEqual({
            target,
            healthcheck: true,
          });
        } else {
          // a one-shot job: must not be restarted, or "completed" never comes
          expect({ target, oneShot: /restart: "no"/.test(targetText!) }).toEqual({ target, oneShot: true });
        }
      }
    });

    it('configures every app service with its database, broker, trust anchors and identity', () => {
      const apps = [...services].filter(([, body]) => /^\s+APP: /m.test(body));
      expect(apps.length).toBeGreaterThanOrEqual(2);
      for (const [name, body] of apps) {
        const app = /^\s+APP: ([\w-]+)/m.exec(body)![1];
        expect({ name, app }).toEqual({
          name,
          app: expect.stringMatching(new RegExp(`^(${APPS.join('|')})$`)),
        });
        for (const variable of [
          'DATABASE_URL',
          'AMQP_URL',
          'AMQP_PREFIX',
          'TRUST_ANCHORS',
          'PARTY_OIN',
          'PARTY_CERT',
          'PARTY_KEY',
          'PORT',
        ]) {
          expect({ name, variable, set: new RegExp(`^\\s+${variable}: \\S`, 'm').test(body) }).toEqual({
            name,
            variable,
            set: true,
          });
        }
        expect({ name, healthcheck: /healthcheck:/.test(body) && /\/health/.test(body) }).toEqual({
          name,
          healthcheck: true,
        });
        const token =
          app === 'municipality-adapter'
            ? 'MUNICIPALITY_API_TOKEN'
            : app === 'creditor-adapter'
              ? 'CREDITOR_API_TOKEN'
              : 'HUB_ADMIN_PASSWORD';
        expect({ name, token, set: new RegExp(`^\\s+${token}: \\S`, 'm').test(body) }).toEqual({
          name,
          token,
          set: true,
        });
      }
    });
  });

  describe('docker/compose.yml (the full network)', () => {
    const text = read('docker/compose.yml');
    const services = servicesOf(text);
    const env = (service: string, variable: string): string | undefined =>
      new RegExp(`^\\s+${variable}: (.+)$`, 'm').exec(services.get(service) ?? '')?.[1].replace(/^"|"$/g, '');

    it('runs the demo network: broker, database, pki, hub, registration, one municipality and two creditors', () => {
      expect([...services.keys()].sort()).toEqual(
        [
          'creditor-private',
          'creditor-public',
          'hub',
          'municipality-adapter',
          'pki',
          'postgres',
          'rabbitmq',
          'register',
        ].sort(),
      );
      expect(services.get('postgres')).toMatch(/image: postgres:15\b/);
      expect(services.get('rabbitmq')).toMatch(/image: rabbitmq:3\.13-management\b/);
    });

    it('gives each app its own database on the one server', () => {
      const databases = ['hub', 'municipality-adapter', 'creditor-public', 'creditor-private'].map(
        (service) => /\/(\w+)$/.exec(env(service, 'DATABASE_URL') ?? '')?.[1],
      );
      expect(databases).toEqual([
        'skp_hub',
        'skp_municipality',
        'skp_creditor_public',
        'skp_creditor_private',
      ]);
    });

    it('uses the demo identities, ports and credentials of DESIGN §8, overridable by env', () => {
      expect(
        ['hub', 'municipality-adapter', 'creditor-public', 'creditor-private'].map((s) => [
          env(s, 'PARTY_OIN'),
          env(s, 'PORT'),
        ]),
      ).toEqual([
        ['00000099000000000001', '3000'],
        ['00000001002220647000', '3001'],
        ['00000099100000000002', '3002'],
        ['00000099200000000003', '3003'],
      ]);
      // secrets come from docker/.env (made from docker/.env.example); none has a default here
      expect(env('hub', 'HUB_ADMIN_USERNAME')).toMatch(/^\$\{\w+:-admin\}$/);
      expect(env('hub', 'HUB_ADMIN_PASSWORD')).toMatch(/^\$\{HUB_ADMIN_PASSWORD:\?[^}]+\}$/);
      expect(env('municipality-adapter', 'MUNICIPALITY_API_TOKEN')).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      expect(env('creditor-public', 'CREDITOR_API_TOKEN')).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      expect(env('creditor-private', 'CREDITOR_API_TOKEN')).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      expect(env('municipality-adapter', 'MUNICIPALITY_PORTAL_PASSWORD')).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      expect(env('creditor-public', 'CREDITOR_PORTAL_PASSWORD')).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      expect(env('creditor-private', 'CREDITOR_PORTAL_PASSWORD')).toMatch(/^\$\{\w+:\?[^}]+\}$/);
      expect(
        ['municipality-adapter', 'creditor-public', 'creditor-private'].map((s) => env(s, 'HUB_OIN')),
      ).toEqual(['00000099000000000001', '00000099000000000001', '00000099000000000001']);
      expect([
        env('creditor-public', 'CREDITOR_BSN_ALLOWED'),
        env('creditor-public', 'CREDITOR_AUTO_ACK'),
      ]).toEqual(['true', 'true']);
      expect([
        env('creditor-private', 'CREDITOR_BSN_ALLOWED'),
        env('creditor-private', 'CREDITOR_AUTO_ACK'),
      ]).toEqual(['false', 'false']);
      expect(env('municipality-adapter', 'BSN_ALLOWED_CREDITORS')).toBe('00000099100000000002');
    });

    it('points every certificate at a file the pki service writes', () => {
      const written = [
        'ca.crt',
        ...['hub', 'gemeente-utrecht', 'creditor-public', 'creditor-private'].flatMap((p) => [
          `${p}.crt`,
          `${p}.key`,
        ]),
      ];
      const referenced = [...text.matchAll(/\/pki\/([\w.-]+\.(?:crt|key))/g)].map((m) => m[1]);
      expect(referenced.length).toBeGreaterThan(8);
      expect(referenced.filter((file) => !written.includes(file))).toEqual([]);
      expect(services.get('pki')).toContain('dist/scripts/pki-dev.js');
      expect(existsSync(resolve(ROOT, 'scripts/pki-dev.ts'))).toBe(true);
    });

    it('registers the three demo parties with the hub CLI, the BSN only for the public creditor', () => {
      const register = services.get('register') ?? '';
      expect(register).toContain('dist/apps/hub/src/cli.js');
      const adds = register.split('\n').filter((line) => /^\s+add \d{20} /.test(line));
      const summary = adds.map((line) => ({
        oin: /add (\d{20})/.exec(line)![1],
        kind: /--kind (\w+)/.exec(line)?.[1],
        bsnAllowed: line.includes('--bsn-allowed'),
        cert: /--cert (\S+)/.exec(line)?.[1],
      }));
      expect(summary).toEqual([
        {
          oin: '00000001002220647000',
          kind: 'MUNICIPALITY',
          bsnAllowed: false,
          cert: '/pki/gemeente-utrecht.crt',
        },
        { oin: '00000099100000000002', kind: 'CREDITOR', bsnAllowed: true, cert: '/pki/creditor-public.crt' },
        {
          oin: '00000099200000000003',
          kind: 'CREDITOR',
          bsnAllowed: false,
          cert: '/pki/creditor-private.crt',
        },
      ]);
      // the flags the script uses are the ones the CLI documents
      const cli = read('apps/hub/src/cli.ts');
      expect(cli).toContain(
        'party add --oin OIN --name NAME --kind MUNICIPALITY|CREDITOR [--bsn-allowed] --cert FILE',
      );
      expect(cli).toContain('party list');
    });
  });

  describe('docker/compose.yml security', () => {
    const text = read('docker/compose.yml');
    const services = servicesOf(text);
    const env = (service: string, variable: string): string | undefined =>
      new RegExp(`^\\s+${variable}: (.+)$`, 'm').exec(services.get(service) ?? '')?.[1];

    it("gives each adapter its own broker account, separate from the hub's", () => {
      const urls = ['hub', 'municipality-adapter', 'creditor-public', 'creditor-private'].map((s) =>
        env(s, 'AMQP_URL'),
      );
      expect(urls[0]).toMatch(/RABBITMQ_USER/);
      expect(urls.slice(1)).toEqual([
        expect.stringMatching(/^\$\{MUNICIPALITY_AMQP_URL:\?/),
        expect.stringMatching(/^\$\{CREDITOR_PUBLIC_AMQP_URL:\?/),
        expect.stringMatching(/^\$\{CREDITOR_PRIVATE_AMQP_URL:\?/),
      ]);
      const example = read('docker/.env.example');
      for (const variable of [
        'MUNICIPALITY_AMQP_URL',
        'CREDITOR_PUBLIC_AMQP_URL',
        'CREDITOR_PRIVATE_AMQP_URL',
      ]) {
        expect(example).toMatch(new RegExp(`^${variable}=amqp://\\d{20}:`, 'm'));
      }
    });
  });

  describe.each([...COMPOSE_FILES, 'docker/Dockerfile', 'docker/.env.example'])(
    '%s carries no secret',
    (file) => {
      const text = read(file);

      it('has no demo credential, guest account or default password', () => {
        for (const demo of [
          'demo-admin',
          'demo-municipality',
          'demo-creditor',
          'demo-counsellor',
          'guest:',
          ':guest@',
          'skp-dev-cluster-cookie',
        ]) {
          expect({ file, demo, found: text.includes(demo) }).toEqual({ file, demo, found: false });
        }
        // `${VAR:-default}` only for what is not a secret
        const defaulted = [...text.matchAll(/\$\{(\w+):-/g)].map((m) => m[1]);
        expect(defaulted.filter((name) => /PASSWORD|TOKEN|SECRET|COOKIE|_URL$|_PASS$/.test(name))).toEqual(
          [],
        );
      });
    },
  );

  describe.each(COMPOSE_FILES)('%s ports', (file) => {
    const services = servicesOf(read(file));

    it('publishes the database and the broker (AMQP and management) on loopback only', () => {
      for (const [name, body] of services) {
        if (!/image: (postgres|rabbitmq):/.test(body)) {
          continue;
        }
        const published = [...body.matchAll(/^\s+- "([^"]+)"\s*$/gm)]
          .map((m) => m[1])
          .filter((mapping) => /^[\d.:]+$/.test(mapping));
        for (const mapping of published) {
          expect({ name, mapping }).toEqual({
            name,
            mapping: expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/),
          });
        }
      }
      expect(read(file)).not.toMatch(/"(5432|15672|5672):/);
    });
  });

  describe('docker/compose.cluster.yml (3-node RabbitMQ, two hubs)', () => {
    const text = read('docker/compose.cluster.yml');
    const services = servicesOf(text);
    const conf = read('docker/rabbitmq/cluster.conf');

    it('forms a 3-node cluster by classic peer discovery with one shared Erlang cookie', () => {
      const nodes = ['rabbit1', 'rabbit2', 'rabbit3'];
      for (const node of nodes) {
        const body = services.get(node) ?? '';
        expect({
          node,
          image: /image: rabbitmq:3\.13/.test(body),
          hostname: body.includes(`hostname: ${node}`),
        }).toEqual({
          node,
          image: true,
          hostname: true,
        });
        expect(body).toContain('./rabbitmq/cluster.conf:/etc/rabbitmq/conf.d/');
        expect(conf).toMatch(
          new RegExp(`^cluster_formation\\.classic_config\\.nodes\\.\\d = rabbit@${node}$`, 'm'),
        );
      }
      const cookies = nodes.map((node) => /RABBITMQ_ERLANG_COOKIE: (.+)/.exec(services.get(node) ?? '')?.[1]);
      expect(cookies[0]).toBeDefined();
      expect(new Set(cookies).size).toBe(1);
      expect(conf).toMatch(/^cluster_formation\.peer_discovery_backend = classic_config$/m);
    });

    it('runs two hub replicas on the same database', () => {
      const hubs = [...services].filter(([, body]) => /^\s+APP: hub$/m.test(body));
      expect(hubs.map(([name]) => name)).toEqual(['hub-1', 'hub-2']);
      const databases = hubs.map(([, body]) => /DATABASE_URL: (\S+)/.exec(body)?.[1]);
      expect(new Set(databases).size).toBe(1);
      expect(services.get('postgres')).toMatch(/image: postgres:15\b/);
    });
  });
});

describe('docker/Dockerfile', () => {
  const dockerfile = read('docker/Dockerfile');

  it('builds on node:20-bookworm-slim in stages and ships without dev dependencies', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
  });

  it('runs the app named by APP as a non-root user, with a /health check', () => {
    expect(dockerfile).toMatch(/^USER (?!root)\w+$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*[\s\S]*\/health/m);
    expect(dockerfile).toContain('node -r ./scripts/register-paths.js dist/apps/${APP}/src/main.js');
    for (const app of APPS) {
      expect({ app, source: existsSync(resolve(ROOT, 'apps', app, 'src', 'main.ts')) }).toEqual({
        app,
        source: true,
      });
    }
  });

  it('keeps build output, dependencies and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.pki', '.env', '.git']));
  });
});
