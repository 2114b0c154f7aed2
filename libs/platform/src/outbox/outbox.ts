import type { Options } from 'amqplib';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { AmqpClient, OutgoingMessage } from '../amqp/amqp-client';
import { WakeSignal } from '../jobs/wake-signal';

/** Adds publishes to the caller's open transaction: they happen if and only if it commits. */
export async function enqueueOutbox(manager: EntityManager, messages: OutgoingMessage[]): Promise<void> {
  if (messages.length === 0) {
    return;
  }
  const values: unknown[] = [];
  const rows = messages.map((m, i) => {
    values.push(m.exchange, m.routingKey, m.content, JSON.stringify(m.options));
    const base = i * 4;
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}::jsonb)`;
  });
  await manager.query(
    `INSERT INTO "outbox" ("exchange", "routing_key", "content", "properties") VALUES ${rows.join(', ')}`,
    values,
  );
}

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;

interface OutboxRow {
  id: string;
  exchange: string;
  routing_key: string;
  content: Buffer;
  properties: Options.Publish;
}

/**
 * Moves committed outbox rows to the broker. Rows are locked with SKIP LOCKED so several
 * processes relay side by side without publishing the same row twice, and deleted in the same
 * transaction only after the broker confirmed them: a crash before the delete republishes (at
 * least once); consumers deduplicate by messageId, so the effect stays exactly once.
 */
export class OutboxRelay {
  private running = false;
  /** a notify() while a batch is in flight makes the next round start at once, not at the poll */
  private readonly signal = new WakeSignal();
  private loop?: Promise<void>;
  private readonly batchSize = 500;

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

  /** Called after a commit that enqueued something, so the publish need not wait for the poll. */
  notify(): void {
    this.signal.notify();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loop;
  }

  async backlog(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM "outbox"`);
    return (row as { n: number }).n;
  }

  /** Publishes one batch; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT "id", "exchange", "routing_key", "content", "properties" FROM "outbox"
         ORDER BY "id" LIMIT ${this.batchSize} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) {
        return 0;
      }
      await this.amqp.publishConfirmed(
        rows.map((row) => ({
          exchange: row.exchange,
          routingKey: row.routing_key,
          content: row.content,
          options: row.properties,
        })),
      );
      await manager.query(`DELETE FROM "outbox" WHERE "id" = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    let backoff = RETRY_FIRST_MS;
    let failing: string | null = null;
    while (this.running) {
      let moved = 0;
      this.signal.clear();
      try {
        moved = this.amqp.isConnected ? await this.relayOnce() : 0;
      } catch (err) {
        // the rows stay in the outbox; one log line per outage, not one per attempt
        if (!failing) {
          this.logger.warn(
            { err: (err as Error).message },
            'outbox relay cannot publish; retrying with backoff',
          );
        }
        failing = (err as Error).message;
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, RETRY_MAX_MS);
        continue;
      }
      if (failing) {
        this.logger.info('outbox relay publishing again');
        failing = null;
        backoff = RETRY_FIRST_MS;
      }
      if (moved < this.batchSize) {
        await this.signal.sleep(this.idleMs);
      }
    }
  }
}
