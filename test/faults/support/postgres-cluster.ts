import { execFile } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../../support/app-process';
import { eventually } from '../../support/eventually';

const run = promisify(execFile);

/** The newest PostgreSQL installed under /usr/lib/postgresql/<version>/bin. */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error(`no PostgreSQL binaries under ${base}`);
  }
  return join(base, versions[0], 'bin');
}

/** Ids of a user's OS user and group, from the passwd file (no shelling out). */
function osUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) {
    throw new Error(`no OS user ${name}`);
  }
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Children of a process, read from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) {
        children.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * A PostgreSQL cluster of the fault suite's own: `initdb` in a temp folder, its own port, trust
 * auth on 127.0.0.1 only and its unix socket in the same folder, run as the `postgres` OS user.
 * The suite stops, kills and restarts it; the machine's cluster on 5432 is never touched.
 */
export class PostgresCluster {
  readonly dir: string;
  readonly dataDir: string;
  private readonly bin = postgresBin();
  private readonly owner = osUser('postgres');
  private constructor(readonly port: number) {
    this.dir = mkdtempSync(join(tmpdir(), 'skp-fault-pg-'));
    this.dataDir = join(this.dir, 'data');
    chownSync(this.dir, this.owner.uid, this.owner.gid);
  }

  /** initdb and start; the caller removes it (remove()) in afterAll. */
  static async create(): Promise<PostgresCluster> {
    const cluster = new PostgresCluster(await freePort());
    try {
      await cluster.asPostgres('initdb', [
        '-D',
        cluster.dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-instructions',
      ]);
      writeFileSync(
        join(cluster.dataDir, 'postgresql.auto.conf'),
        [
          `port = ${cluster.port}`,
          `listen_addresses = '127.0.0.1'`,
          `unix_socket_directories = '${cluster.dir}'`,
          'max_connections = 200',
          // the OS cache survives every fault the suite injects (process kills, not power loss)
          'fsync = off',
          'full_page_writes = off',
          "log_min_messages = 'warning'",
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(cluster.dataDir, 'pg_hba.conf'),
        ['local all all trust', 'host all all 127.0.0.1/32 trust', ''].join('\n'),
      );
      chownSync(join(cluster.dataDir, 'postgresql.auto.conf'), cluster.owner.uid, cluster.owner.gid);
      chownSync(join(cluster.dataDir, 'pg_hba.conf'), cluster.owner.uid, cluster.owner.gid);
      await cluster.start();
    } catch (error) {
      await cluster.remove();
      throw error;
    }
    return cluster;
  }

  url(dbName = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${dbName}`;
  }

  /** The postmaster's pid while it runs (first line of postmaster.pid). */
  postmasterPid(): number | undefined {
    const file = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(file)) {
      return undefined;
    }
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return pid > 0 && alive(pid) ? pid : undefined;
  }

  async start(): Promise<void> {
    await this.asPostgres('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
    await eventually(() => this.accepts(), { timeoutMs: 60_000, intervalMs: 100, what: 'own PostgreSQL up' });
  }

  /** Fast shutdown: open sessions are cut, as when an operator stops the server. */
  async stop(): Promise<void> {
    if (this.postmasterPid() === undefined) {
      return;
    }
    await this.asPostgres('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
  }

  /** SIGKILL the postmaster (and its backends, as a crashed machine would lose them). */
  async kill(): Promise<void> {
    const pid = this.postmasterPid();
    if (pid === undefined) {
      return;
    }
    const children = childrenOf(pid);
    process.kill(pid, 'SIGKILL');
    for (const child of children) {
      try {
        process.kill(child, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await eventually(() => [pid, ...children].every((p) => !alive(p)), {
      timeoutMs: 30_000,
      what: 'killed PostgreSQL processes gone',
    });
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async createDatabase(name: string): Promise<void> {
    const client = new Client({ connectionString: this.url('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } finally {
      await client.end();
    }
  }

  /** Stop (or kill, when a stop does not work) and delete the folder. Never throws. */
  async remove(): Promise<void> {
    await this.stop().catch(() => this.kill().catch(() => undefined));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The server log's last lines, for a failure message. */
  logTail(lines = 30): string {
    const file = join(this.dir, 'server.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  private async accepts(): Promise<boolean> {
    const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private async asPostgres(tool: string, args: string[]): Promise<void> {
    try {
      await run('runuser', ['-u', 'postgres', '--', join(this.bin, tool), ...args], {
        cwd: this.dir,
        timeout: 120_000,
      });
    } catch (error) {
      const e = error as { stderr?: string; message: string };
      throw new Error(`${tool} failed: ${e.stderr || e.message}\n${this.logTail()}`);
    }
  }
}
