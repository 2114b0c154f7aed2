import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as amqp from 'amqplib';
import { freePort } from '../../support/app-process';
import { eventually } from '../../support/eventually';

const run = promisify(execFile);

/** The RabbitMQ scripts themselves, not the Debian wrappers in /usr/sbin that switch to the rabbitmq user. */
function rabbitSbin(): string {
  const base = '/usr/lib/rabbitmq/lib';
  const server = readdirSync(base)
    .filter((d) => d.startsWith('rabbitmq_server-'))
    .sort()
    .pop();
  if (!server) {
    throw new Error(`no RabbitMQ server under ${base}`);
  }
  return join(base, server, 'sbin');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A RabbitMQ node of the fault suite's own: its own node name, AMQP, distribution and management
 * ports, data, log and pid file in a temp folder, its own config, plugins and env files (so the
 * machine's /etc/rabbitmq is not read) and its own Erlang cookie (HOME is the temp folder). The
 * suite kills and restarts it; the machine's node on 5672 is never touched.
 */
export class RabbitNode {
  readonly nodeName: string;
  private child?: ChildProcess;
  private output: string[] = [];

  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly distPort: number,
    readonly managementPort: number,
  ) {
    this.nodeName = `skpfault${randomBytes(4).toString('hex')}@localhost`;
  }

  static async create(): Promise<RabbitNode> {
    const dir = mkdtempSync(join(tmpdir(), 'skp-fault-rabbit-'));
    const node = new RabbitNode(dir, await freePort(), await freePort(), await freePort());
    try {
      node.writeFiles();
      await node.start();
    } catch (error) {
      await node.remove();
      throw error;
    }
    return node;
  }

  url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  /** The management API with credentials, as the hub's RABBITMQ_MANAGEMENT_URL. */
  managementUrl(): string {
    return `http://guest:guest@127.0.0.1:${this.managementPort}`;
  }

  get pidFile(): string {
    return join(this.dir, 'rabbit.pid');
  }

  /** The beam.smp of this node, from its own pid file. */
  beamPid(): number | undefined {
    if (!existsSync(this.pidFile)) {
      return undefined;
    }
    const pid = Number(readFileSync(this.pidFile, 'utf8').trim());
    return pid > 0 && alive(pid) ? pid : undefined;
  }

  /** Starts the node in the foreground as a child of the test, and waits for an AMQP handshake. */
  async start(): Promise<void> {
    this.output = [];
    const child = spawn(join(rabbitSbin(), 'rabbitmq-server'), [], {
      cwd: this.dir,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: false,
    });
    this.child = child;
    const keep = (chunk: Buffer): void => {
      this.output.push(chunk.toString());
      if (this.output.length > 200) {
        this.output.splice(0, 100);
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await eventually(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`rabbitmq-server exited (${child.exitCode ?? child.signalCode})`);
        }
        return this.handshake();
      },
      { timeoutMs: 120_000, intervalMs: 250, what: `own RabbitMQ node ${this.nodeName}` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- rabbitmq output ---\n${this.tail()}`);
    });
    // the management listener comes up with the node's plugins, a moment after AMQP
    await eventually(
      async () => (await fetch(`http://127.0.0.1:${this.managementPort}/api/overview`, this.auth())).ok,
      { timeoutMs: 60_000, intervalMs: 250, what: 'own RabbitMQ management API' },
    );
  }

  /** Graceful stop through rabbitmqctl. */
  async stop(): Promise<void> {
    if (this.beamPid() === undefined && !this.running()) {
      return;
    }
    await run(join(rabbitSbin(), 'rabbitmqctl'), ['-n', this.nodeName, 'stop', this.pidFile], {
      env: this.env(),
      timeout: 60_000,
    }).catch(async () => this.kill());
    await this.childGone();
  }

  /** SIGKILL the beam.smp of this node only (pid from its own pid file). */
  async kill(): Promise<void> {
    const pid = this.beamPid() ?? this.child?.pid;
    if (pid !== undefined && alive(pid)) {
      process.kill(pid, 'SIGKILL');
      await eventually(() => !alive(pid), { timeoutMs: 30_000, what: 'killed beam.smp gone' });
    }
    await this.childGone();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Depth of a queue on this node (management API), or undefined when it does not exist. */
  async queueDepth(queue: string): Promise<number | undefined> {
    const response = await fetch(
      `http://127.0.0.1:${this.managementPort}/api/queues/%2F/${encodeURIComponent(queue)}`,
      this.auth(),
    );
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw new Error(`queue ${queue}: ${response.status}`);
    }
    // the management figures lag a few seconds; ask AMQP for the exact count
    const connection = await amqp.connect(this.url());
    try {
      const channel = await connection.createChannel();
      return (await channel.checkQueue(queue)).messageCount;
    } finally {
      await connection.close().catch(() => undefined);
    }
  }

  /** Every queue's depth as the management API last saw it (lags a few seconds; for the report). */
  async queueDepths(): Promise<Record<string, number>> {
    const response = await fetch(`http://127.0.0.1:${this.managementPort}/api/queues/%2F`, this.auth());
    const queues = (await response.json()) as { name: string; messages?: number }[];
    return Object.fromEntries(queues.map((q) => [q.name, q.messages ?? 0]));
  }

  /** Kill if needed and delete the folder. Never throws. */
  async remove(): Promise<void> {
    await this.stop().catch(() => this.kill().catch(() => undefined));
    await this.kill().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  tail(lines = 30): string {
    return this.output.join('').split('\n').slice(-lines).join('\n');
  }

  private running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async childGone(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await eventually(() => child.exitCode !== null || child.signalCode !== null, {
        timeoutMs: 30_000,
        what: 'rabbitmq-server process gone',
      }).catch(() => {
        child.kill('SIGKILL');
      });
    }
  }

  private auth(): RequestInit {
    return { headers: { authorization: `Basic ${Buffer.from('guest:guest').toString('base64')}` } };
  }

  private async handshake(): Promise<boolean> {
    const connection = await amqp.connect(this.url(), { timeout: 2000 });
    await connection.close();
    return true;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      LANG: process.env.LANG ?? 'C.UTF-8',
      HOME: this.dir,
      RABBITMQ_NODENAME: this.nodeName,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_MNESIA_BASE: join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(this.dir, 'log'),
      RABBITMQ_PID_FILE: this.pidFile,
      RABBITMQ_CONFIG_FILE: join(this.dir, 'rabbitmq.conf'),
      RABBITMQ_ADVANCED_CONFIG_FILE: join(this.dir, 'advanced.config'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, 'enabled_plugins'),
      RABBITMQ_CONF_ENV_FILE: join(this.dir, 'rabbitmq-env.conf'),
      RABBITMQ_PLUGINS_EXPAND_DIR: join(this.dir, 'plugins-expand'),
      // one scheduler is plenty for a test node on a 2-core machine
      RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+S 1:1 +sbwt none +sbwtdcpu none +sbwtdio none',
    };
  }

  private writeFiles(): void {
    mkdirSync(join(this.dir, 'mnesia'), { recursive: true });
    mkdirSync(join(this.dir, 'log'), { recursive: true });
    writeFileSync(
      join(this.dir, 'rabbitmq.conf'),
      [
        `listeners.tcp.1 = 127.0.0.1:${this.port}`,
        'loopback_users = none',
        `management.tcp.port = ${this.managementPort}`,
        'management.tcp.ip = 127.0.0.1',
        'max_message_size = 524288',
        'log.console = false',
        'log.file.level = warning',
        '',
      ].join('\n'),
    );
    writeFileSync(join(this.dir, 'advanced.config'), '[].\n');
    writeFileSync(join(this.dir, 'enabled_plugins'), '[rabbitmq_management].\n');
    writeFileSync(
      join(this.dir, 'rabbitmq-env.conf'),
      '# the fault suite sets everything in the environment\n',
    );
    // its own cookie: HOME is the temp folder, so rabbitmqctl finds the same one
    writeFileSync(join(this.dir, '.erlang.cookie'), randomBytes(20).toString('hex').toUpperCase(), {
      mode: 0o400,
    });
  }
}
