import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

/** First and longest wait between two checks while the database is unavailable. */
const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 10_000;
const PROBE_TIMEOUT_MS = 3_000;

/** SQLSTATE classes and codes that say "try again later", not "this data is wrong". */
const TRANSIENT_SQLSTATE = /^(08|53|57P0[1-4]|40001|40P01|55P03|58)/;
const TRANSIENT_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection|Client has encountered a connection error|Connection ended|read ECONN/i;

/** True when an error says the database is unreachable or busy, rather than refusing the data. */
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const code = typeof e?.driverError?.code === 'string' ? e.driverError.code : e?.code;
  if (typeof code === 'string' && TRANSIENT_SQLSTATE.test(code)) {
    return true;
  }
  return typeof e?.message === 'string' && TRANSIENT_MESSAGE.test(e.message);
}

export interface DependencyState {
  available: boolean;
  /** why it is unavailable (an error message; never message content) */
  cause?: string;
  since?: Date;
}

/**
 * Tells infrastructure failures from message failures, and waits out the first. A consumer runs
 * its database work through `run()`: when the work fails because the database is unavailable,
 * the message is held (not requeued, so the queue's delivery limit is not spent), every waiting
 * caller shares one probe loop with capped exponential backoff, and the work runs again once the
 * database answers. Errors that come from the message itself are rethrown at once. Logs one line
 * when the database goes and one when it comes back.
 */
export class DatabaseGate {
  private down?: { cause: string; since: Date; recovered: Promise<void> };

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  get state(): DependencyState {
    return this.down
      ? { available: false, cause: this.down.cause, since: this.down.since }
      : { available: true };
  }

  /** Answers whether the database takes a trivial query right now. */
  async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('database probe timed out')), PROBE_TIMEOUT_MS);
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * True when `error` is the infrastructure's fault: a transient error, or any error while the
   * database does not answer. Marks the database down (and starts the shared recovery loop) if so.
   */
  async isOutage(error: unknown): Promise<boolean> {
    if (this.down) {
      return true;
    }
    if (!isTransientDatabaseError(error) && (await this.probe())) {
      return false;
    }
    this.markDown(error);
    return true;
  }

  /** Resolves once the database answers again (at once when it is available). */
  whenAvailable(): Promise<void> {
    return this.down?.recovered ?? Promise.resolve();
  }

  /** Runs `work`, waiting out database outages and running it again; rethrows message errors. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.whenAvailable();
      try {
        return await work();
      } catch (error) {
        if (!(await this.isOutage(error))) {
          throw error;
        }
      }
    }
  }

  private markDown(error: unknown): void {
    if (this.down) {
      return;
    }
    const cause = error instanceof Error ? error.message : String(error);
    const since = new Date();
    this.logger.warn(
      { dependency: 'database', err: cause },
      'database unavailable: holding messages, retrying',
    );
    this.down = { cause, since, recovered: this.recover(since) };
  }

  private async recover(since: Date): Promise<void> {
    let wait = BACKOFF_FIRST_MS;
    for (;;) {
      await this.sleep(wait);
      if (await this.probe()) {
        break;
      }
      wait = Math.min(wait * 2, BACKOFF_MAX_MS);
    }
    this.down = undefined;
    this.logger.info(
      { dependency: 'database', downMs: Date.now() - since.getTime() },
      'database available again: resuming',
    );
  }
}
