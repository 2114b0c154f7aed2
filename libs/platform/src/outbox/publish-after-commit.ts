import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import type { AmqpClient } from '../amqp/amqp-client';
import { enqueueOutbox, OutboxMessage, OutboxRelay } from './outbox';

/** What one transaction put in the outbox, kept in memory to publish once it has committed. */
export interface EnqueuedPublishes {
  ids: string[];
  messages: OutboxMessage[];
}

/** How long other processes' relays leave a fresh row to the process that wrote it. */
export const DEFAULT_OUTBOX_GRACE_MS = 5_000;

const DELETE_RETRY_MS = 1_000;
/** How long confirmed rows wait so that the confirms of the next commits share their DELETE. */
const DELETE_GATHER_MS = 50;

/**
 * The outbox's fast path: a transaction's publishes go to the broker straight after it commits,
 * from memory, instead of waiting for a relay round (a second transaction that reads the bytes
 * back). The outbox rows are still written in the transaction, so a crash or a broker failure
 * between commit and confirm loses nothing: the rows stay, and the relay publishes them once they
 * are older than the grace period (at least once; consumers deduplicate by messageId).
 *
 * Confirmed rows are deleted off the hot path: one DELETE at a time for everything confirmed in the
 * last few milliseconds, in one round trip, without waiting for its fsync (a delete lost in a crash
 * only means a second publish).
 * While the broker fails, batches go to the relay instead (so they keep their order) until the
 * relay finds the outbox empty again.
 */
export class PublishAfterCommit {
  private toDelete: string[] = [];
  private deleting?: Promise<void>;
  private viaRelay = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly amqp: AmqpClient,
    private readonly relay: OutboxRelay,
    private readonly logger: Logger,
    graceMs = DEFAULT_OUTBOX_GRACE_MS,
  ) {
    relay.shareWithFastPath({ graceMs, onDrained: () => (this.viaRelay = false) });
  }

  /** Inside the caller's transaction: writes the rows and claims them from this process's relay. */
  async enqueue(manager: EntityManager, messages: OutboxMessage[]): Promise<EnqueuedPublishes> {
    return this.adopt(await enqueueOutbox(manager, messages), messages);
  }

  /**
   * Rows the caller wrote in a statement of its own (`outboxColumns`), which has just committed:
   * claimed for `publish`. Until this call a relay round asked for by `notify()` could publish
   * them too, which at least once delivery allows.
   */
  adopt(ids: string[], messages: OutboxMessage[]): EnqueuedPublishes {
    this.relay.claim(ids);
    return { ids, messages };
  }

  /** The transaction did not commit (or it is not known whether it did): the relay decides. */
  abandon(enqueued: EnqueuedPublishes): void {
    this.relay.release(enqueued.ids);
  }

  /**
   * After the commit: publishes now. Never rejects; what fails stays in the outbox for the relay.
   * The broker gets the messages in call order (one confirm channel), so call it in commit order.
   */
  async publish(enqueued: EnqueuedPublishes): Promise<void> {
    if (enqueued.ids.length === 0) {
      return;
    }
    if (this.viaRelay || !this.amqp.isConnected) {
      this.handToRelay(enqueued);
      return;
    }
    try {
      await this.amqp.publishConfirmed(enqueued.messages);
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'publish after commit failed; the outbox relay takes over',
      );
      this.handToRelay(enqueued);
      return;
    }
    this.toDelete.push(...enqueued.ids);
    this.deleting ??= this.deleteConfirmed();
  }

  /** Resolves once every row confirmed so far is deleted (for tests and shutdown). */
  async settled(): Promise<void> {
    await this.deleting;
  }

  private handToRelay(enqueued: EnqueuedPublishes): void {
    this.viaRelay = true;
    this.relay.release(enqueued.ids);
    this.relay.notify();
  }

  private async deleteConfirmed(): Promise<void> {
    let failing = false;
    await new Promise((resolve) => setTimeout(resolve, DELETE_GATHER_MS).unref());
    while (this.toDelete.length > 0) {
      const ids = this.toDelete;
      this.toDelete = [];
      try {
        await this.dataSource.query(deleteWithoutWaitingForFsync(ids));
        this.relay.release(ids);
      } catch (error) {
        if (!this.dataSource.isInitialized) {
          // shutting down: the relay of the next start publishes these once more (at least once)
          this.toDelete = [];
          break;
        }
        // still claimed, so this process's relay does not publish them again; retried shortly
        if (!failing) {
          this.logger.warn(
            { err: (error as Error).message, rows: ids.length },
            'could not delete published outbox rows; retrying',
          );
        }
        failing = true;
        this.toDelete.push(...ids);
        await new Promise((resolve) => setTimeout(resolve, DELETE_RETRY_MS).unref());
      }
    }
    this.deleting = undefined;
  }
}

/**
 * One simple-protocol query, so one round trip: its statements run as one implicit transaction, in
 * which SET LOCAL holds. The ids are inlined because that protocol takes no parameters; they are
 * the outbox's own bigint keys, checked to be digits only.
 */
export function deleteWithoutWaitingForFsync(ids: string[]): string {
  if (!ids.every((id) => /^[0-9]+$/.test(id))) {
    throw new Error('outbox ids are integers');
  }
  return `SET LOCAL synchronous_commit = off; DELETE FROM "outbox" WHERE "id" = ANY('{${ids.join(',')}}'::bigint[])`;
}
