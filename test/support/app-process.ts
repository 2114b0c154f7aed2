import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HUB_NODE_OPTIONS } from '../../apps/hub/src/config/node-options';
import { eventually } from './eventually';

const ROOT = join(__dirname, '..', '..');

export type AppName = 'hub' | 'municipality-adapter' | 'creditor-adapter';

/**
 * One app of the network as a real process, started from the build (`npm test` builds first) the
 * way `npm run start:<app>` runs it. Output is kept for the failure message, never printed.
 */
export class AppProcess {
  private child?: ChildProcess;
  private output: string[] = [];

  constructor(
    readonly app: AppName,
    readonly env: Record<string, string>,
    readonly entry = 'main',
  ) {}

  get port(): number {
    return Number(this.env.PORT);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<this> {
    const script = join(ROOT, 'dist', 'apps', this.app, 'src', `${this.entry}.js`);
    this.output = [];
    // APP_NODE_ARGS lets a benchmark profile the apps it starts (e.g. --cpu-prof).
    const nodeArgs = (process.env.APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(
      process.execPath,
      [...appNodeOptions(this.app), ...nodeArgs, '-r', join(ROOT, 'scripts', 'register-paths.js'), script],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 400) {
        this.output.splice(0, 200);
      }
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    await eventually(
      async () => {
        if (this.child?.exitCode !== null) {
          throw new Error(`${this.app} exited with ${this.child?.exitCode}: ${this.tail()}`);
        }
        const response = await fetch(`${this.url}/health`);
        return response.ok;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: `${this.app} /health` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${this.app} output ---\n${this.tail()}`);
    });
    return this;
  }

  /** Graceful stop (SIGTERM), or SIGKILL to simulate a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  tail(lines = 40): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The V8 options each app runs with in production too. */
export function appNodeOptions(app: AppName): readonly string[] {
  return app === 'hub' ? HUB_NODE_OPTIONS : [];
}
