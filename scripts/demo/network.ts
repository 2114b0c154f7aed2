import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_NODE_OPTIONS } from '../../apps/hub/src/config/node-options';

export const ROOT = join(__dirname, '..', '..', '..');

export interface DemoParty {
  slug: string;
  oin: string;
  name: string;
  kind: 'HUB' | 'MUNICIPALITY' | 'CREDITOR';
  bsnAllowed: boolean;
  /** a municipality's gemeentecodes, for the Pauzeknop page's `?gemeente=` link */
  gemeentecodes?: string[];
  cert: string;
  key: string;
}

export interface DemoSettings {
  pkiDir: string;
  logDir: string;
  databaseBase: string;
  databasePrefix: string;
  amqpUrl: string;
  amqpPrefix: string;
  ports: {
    hub: number;
    municipality: number;
    creditorPublic: number;
    creditorPrivate: number;
    /** the first port of the twelve `--load` dossier creditors */
    regelingBase: number;
  };
  tokens: { municipality: string; creditorPublic: string; creditorPrivate: string };
  admin: { username: string; password: string };
  portal: {
    municipality: { username: string; password: string };
    creditor: { username: string; password: string };
  };
}

/** Demo settings: fixed so scripts can rely on them, each overridable by the environment. */
export function demoSettings(env: NodeJS.ProcessEnv = process.env): DemoSettings {
  const port = (name: string, fallback: number): number => Number(env[name] ?? fallback);
  return {
    pkiDir: env.PKI_DIR ?? join(ROOT, '.pki'),
    logDir: env.DEMO_LOG_DIR ?? join(ROOT, '.demo', 'logs'),
    databaseBase: env.DEMO_DATABASE_BASE ?? 'postgres://postgres:postgres@127.0.0.1:5432',
    databasePrefix: env.DEMO_DATABASE_PREFIX ?? 'skp_demo',
    amqpUrl: env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    amqpPrefix: env.AMQP_PREFIX ?? 'skp',
    ports: {
      hub: port('DEMO_HUB_PORT', 3000),
      municipality: port('DEMO_MUNICIPALITY_PORT', 3001),
      creditorPublic: port('DEMO_CREDITOR_PUBLIC_PORT', 3002),
      creditorPrivate: port('DEMO_CREDITOR_PRIVATE_PORT', 3003),
      regelingBase: port('DEMO_CREDITOR_REGELING_PORT_BASE', 3010),
    },
    tokens: {
      municipality: env.DEMO_MUNICIPALITY_TOKEN ?? 'demo-municipality',
      creditorPublic: env.DEMO_CREDITOR_PUBLIC_TOKEN ?? 'demo-creditor-public',
      creditorPrivate: env.DEMO_CREDITOR_PRIVATE_TOKEN ?? 'demo-creditor-private',
    },
    admin: { username: env.HUB_ADMIN_USERNAME ?? 'admin', password: env.HUB_ADMIN_PASSWORD ?? 'demo-admin' },
    // the first portal user (editor) of the municipality adapter and of every creditor adapter
    portal: {
      municipality: {
        username: env.MUNICIPALITY_PORTAL_USERNAME ?? 'counsellor',
        password: env.MUNICIPALITY_PORTAL_PASSWORD ?? 'demo-counsellor',
      },
      creditor: {
        username: env.CREDITOR_PORTAL_USERNAME ?? 'creditor',
        password: env.CREDITOR_PORTAL_PASSWORD ?? 'demo-creditor',
      },
    },
  };
}

/** One app of the network as a child process, its output in a log file. */
export class DemoApp {
  private child?: ChildProcess;
  private exited = false;

  constructor(
    readonly label: string,
    readonly app: 'hub' | 'municipality-adapter' | 'creditor-adapter',
    readonly port: number,
    readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return join(this.logDir, `${this.label}.log`);
  }

  async start(): Promise<void> {
    mkdirSync(this.logDir, { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const script = join(ROOT, 'dist', 'apps', this.app, 'src', 'main.js');
    const nodeOptions = this.app === 'hub' ? HUB_NODE_OPTIONS : [];
    const child = spawn(
      process.execPath,
      [...nodeOptions, '-r', join(ROOT, 'scripts', 'register-paths.js'), script],
      {
        cwd: ROOT,
        env: { ...process.env, ...this.env, PORT: String(this.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    child.once('exit', () => (this.exited = true));
    const deadline = Date.now() + 90_000;
    for (;;) {
      if (this.exited) {
        throw new Error(`${this.label} stopped during start-up; see ${this.logFile}`);
      }
      try {
        if ((await fetch(`${this.url}/health`)).ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.label} did not become healthy in 90 s; see ${this.logFile}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || this.exited) {
      return;
    }
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(force);
  }
}
