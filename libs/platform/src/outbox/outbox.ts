import type { Options } from 'amqplib';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { AmqpClient, OutgoingMessage } from '../amqp/amqp-client';
import { WakeSignal } from '../jobs/wake-signal';

/**
 * A publish for the outbox. `storedAs` says its bytes are already in the same transaction's rows
 * (the app's own table, by messageId and which payload): the outbox row then references them
 * instead of carrying a second copy, and the relay asks the app's `StoredContentLoader` for them.
 */
export interface OutboxMessage extends OutgoingMessage {
  storedAs?: { messageId: string; payload: string };
}

/** Fetches, inside the relay's transaction, the bytes of rows that reference a stored payload. */
export type StoredContentLoader = (manager: EntityManager, ids: string[]) => Promise<Map<string, Buffer>>;

/**
 * Adds publishes to the caller's open transaction: they happen if and only if it commits.
 * Returns the new rows' ids. Each row's values are parameters of their own, so a message's bytes
 * travel as binary (in an array, as `outboxColumnArrays` sends them, they would travel as hex).
 */
export async function enqueueOutbox(manager: EntityManager, messages: OutboxMessage[]): Promise<string[]> {
  if (messages.length === 0) {
    return [];
  }
  const stored = messages.some((m) => m.storedAs);
  const { columns, types } = outboxColumns(stored);
  const values: unknown[] = [];
  const rows = messages.map((m) => {
    const first = values.length + 1;
    values.push(...outboxRow(m, stored));
    return `(${types.map((type, i) => `$${first + i}::${type}`).join(', ')})`;
  });
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO "outbox" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${rows.join(', ')} RETURNING "id"`,
    values,
  );
  return inserted.map((row) => row.id);
}

/**
 * For a caller that writes outbox rows in a statement of its own (with `unnest`): the columns, and
 * per column its array type and one array of the messages' values. `stored`: with the columns of a
 * reference to a stored payload (only where the table has them).
 */
export function outboxColumnArrays(
  messages: OutboxMessage[],
  stored: boolean,
): { columns: string[]; types: string[]; arrays: unknown[][] } {
  const { columns, types } = outboxColumns(stored);
  const rows = messages.map((m) => outboxRow(m, stored));
  return {
    columns,
    types: types.map((type) => `${type}[]`),
    arrays: columns.map((_, c) => rows.map((row) => row[c])),
  };
}

/** The outbox's columns and their types; `stored` adds those of a reference to a stored payload. */
function outboxColumns(stored: boolean): { columns: string[]; types: string[] } {
  const columns = ['exchange', 'routing_key', 'content', 'properties'];
  const types = ['text', 'text', 'bytea', 'jsonb'];
  return stored
    ? { columns: [...columns, 'stored_message_id', 'stored_payload'], types: [...types, 'uuid', 'text'] }
    : { columns, types };
}

/** One message's values, in `outboxColumns` order. */
function outboxRow(m: OutboxMessage, stored: boolean): unknown[] {
  const row = [m.exchange, m.routingKey, m.storedAs ? null : m.content, JSON.stringify(m.options)];
  return stored ? [...row, m.storedAs?.messageId ?? null, m.storedAs?.payload ?? null] : row;
}

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

interface OutboxRow {
  id: string;
  exchange: string;
  routing_key: string;
  content: Buffer | null;
  properties: Options.Publish;
}

/**
 * Moves committed outbox rows to the broker. Rows are locked with SKIP LOCKED so several
 * processes relay side by side without publishing the same row twice, and deleted in the same
 * transaction only after the broker confirmed them: a crash before the delete republishes (at
 * least once); consumers deduplicate by messageId, so the effect stays exactly once.
 *
 * Where a process publishes its own rows straight after commit (`PublishAfterCommit`), the relay
 * is the safety net: it leaves alone the rows this process has claimed, and on its polling rounds
 * rows younger than the grace period (another process may be publishing those). A `notify()`
 * round takes young rows too: it is asked for by whoever just enqueued them for the relay.
 */
export class OutboxRelay {
  private running = false;
  /** a notify() while a batch is in flight makes the next round start at once, not at the poll */
  private readonly signal = new WakeSignal();
  private loop?: Promise<void>;
  private readonly batchSize = 500;
  /** rows this process publishes itself right now */
  private readonly claimed = new Set<string>();
  private graceMs = 0;
  private urgent = false;
  private loadStored?: StoredContentLoader;
  /** told when a round found nothing left to publish (the fast path may take over again) */
  private onDrained?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly amqp: AmqpClient,
    private readonly logger: Logger,
    private readonly idleMs = 250,
  ) {}

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a commit that enqueued something for the relay: the next round starts now and takes young rows too. */
  notify(): void {
    this.urgent = true;
    this.signal.notify();
  }

  /** Set up by `PublishAfterCommit`: the rows it publishes itself, and the grace for other processes' rows. */
  shareWithFastPath(options: { graceMs: number; onDrained: () => void }): void {
    this.graceMs = options.graceMs;
    this.onDrained = options.onDrained;
  }

  /** Given by the app whose outbox rows reference payloads stored in its own tables. */
  loadStoredContentWith(loader: StoredContentLoader): void {
    this.loadStored = loader;
  }

  claim(ids: string[]): void {
    ids.forEach((id) => this.claimed.add(id));
  }

  release(ids: string[]): void {
    ids.forEach((id) => this.claimed.delete(id));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.signal.notify();
    await this.loop;
  }

  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "outbox"`);
    return (row as { n: number }).n;
  }

  /** Publishes one batch; returns how many rows it moved. `graceMs` 0 takes young rows too. */
  async relayOnce(graceMs = this.graceMs): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT "id", "exchange", "routing_key", "content", "properties" FROM "outbox"
         WHERE NOT ("id" = ANY($1::bigint[])) AND "created_at" <= now() - $2::int * interval '1 millisecond'
         ORDER BY "id" LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED`,
        [[...this.claimed], graceMs],
      );
      if (rows.length === 0) {
        return 0;
      }
      const contents = await this.contentsOf(manager, rows);
      await this.amqp.publishConfirmed(
        rows.flatMap((row) => {
          const content = contents.get(row.id);
          return content
            ? [{ exchange: row.exchange, routingKey: row.routing_key, content, options: row.properties }]
            : [];
        }),
      );
      await manager.query(`DELETE FROM "outbox" WHERE "id" = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  /** Each row's bytes: its own, or the stored payload it references. */
  private async contentsOf(manager: EntityManager, rows: OutboxRow[]): Promise<Map<string, Buffer>> {
    const contents = new Map<string, Buffer>();
    const missing: string[] = [];
    for (const row of rows) {
      if (row.content) {
        contents.set(row.id, row.content);
      } else {
        missing.push(row.id);
      }
    }
    if (missing.length > 0) {
      const loaded = this.loadStored ? await this.loadStored(manager, missing) : new Map<string, Buffer>();
      for (const id of missing) {
        const content = loaded.get(id);
        if (content) {
          contents.set(id, content);
        } else {
          // only retention purges a stored payload, long after any publish: nothing left to send
          this.logger.error({ outboxId: id }, 'outbox row references a payload that is gone; dropping it');
        }
      }
    }
    return contents;
  }

  private async run(): Promise<void> {
    let backoff = RETRY_FIRST_MS;
    let failing: string | null = null;
    while (this.running) {
      let moved = 0;
      this.signal.clear();
      const urgent = this.urgent;
      this.urgent = false;
      if (!this.amqp.isConnected) {
        this.urgent ||= urgent; // still to do once the broker is back
        await this.signal.sleep(this.idleMs, { evenIfNotified: true });
        continue;
      }
      try {
        moved = await this.relayOnce(urgent ? 0 : this.graceMs);
      } catch (err) {
        // the rows stay in the outbox; one log line per outage, not one per attempt
        if (!failing) {
          this.logger.warn(
            { err: (err as Error).message },
            'outbox relay cannot publish; retrying with backoff',
          );
        }
        failing = (err as Error).message;
        this.urgent = true; // what was asked for is still to do
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, RETRY_MAX_MS);
        continue;
      }
      if (failing) {
        this.logger.info('outbox relay publishing again');
        failing = null;
        backoff = RETRY_FIRST_MS;
      }
      if (moved === 0 && !this.urgent) {
        this.onDrained?.();
      }
      if (moved < this.batchSize) {
        await this.signal.sleep(this.idleMs);
      }
    }
  }
}
