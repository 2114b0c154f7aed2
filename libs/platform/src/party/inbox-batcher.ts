import type { SkpMessage } from '@skp/messages';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import type { Delivery } from '../amqp/amqp-client';
import type { DatabaseGate } from '../resilience/database-gate';

/** Called inside the transaction that stores verified messages, with the new ones in arrival order. */
export type InboxBatchHandler = (manager: EntityManager, messages: SkpMessage[]) => Promise<void>;

/** A delivery whose message passed every check (publisher, decoding, signature, recipient). */
export interface VerifiedDelivery {
  message: SkpMessage;
  delivery: Delivery;
  log: Logger;
}

/**
 * Records the messages as received in one statement; returns those not received before, in order
 * (a redelivery, or the same message twice in one batch, is left out).
 */
export async function recordReceived(manager: EntityManager, messages: SkpMessage[]): Promise<SkpMessage[]> {
  const inserted: Array<{ message_id: string }> = await manager.query(
    `INSERT INTO "received_message" ("message_id", "type", "sender")
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
     ON CONFLICT ("message_id") DO NOTHING RETURNING "message_id"`,
    [
      messages.map((m) => m.header.messageId),
      messages.map((m) => m.header.type),
      messages.map((m) => m.header.sender),
    ],
  );
  const unseen = new Set(inserted.map((row) => row.message_id));
  // Postgres answers a uuid in lower case
  return messages.filter((m) => unseen.delete(m.header.messageId.toLowerCase()));
}

export interface InboxBatcherDeps {
  gate: DatabaseGate;
  maxBatch: number;
  /** stores the messages in one transaction (duplicates skipped); true when any was new */
  storeAll(messages: SkpMessage[]): Promise<boolean>;
  /** the one-message path (stores, then acks or requeues), for a batch the database refused */
  storeOne(item: VerifiedDelivery): Promise<void>;
  /** wakes the outbox relay after a commit that queued something */
  published(): void;
}

/**
 * Group commit for a party's own queue: verified messages that arrive while a batch is being
 * written form the next batch, stored in one transaction and acknowledged only after its commit.
 * One batch is written at a time, so the order of arrival is the order of storing. A batch that
 * fails for anything but a database outage (the gate waits those out) is stored again one message
 * at a time, so one message the database refuses cannot hold the others back.
 */
export class InboxBatcher {
  private waiting: VerifiedDelivery[] = [];
  private writing = false;

  constructor(private readonly deps: InboxBatcherDeps) {}

  add(item: VerifiedDelivery): void {
    this.waiting.push(item);
    if (!this.writing) {
      this.writing = true;
      // after the deliveries of this socket read: they arrive together and go in one batch
      setImmediate(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.deps.maxBatch);
        await this.write(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: VerifiedDelivery[]): Promise<void> {
    let stored: boolean;
    try {
      // An outage holds the batch here (unacknowledged) until the database is back.
      stored = await this.deps.gate.run(() => this.deps.storeAll(batch.map((item) => item.message)));
    } catch (error) {
      if (batch.length === 1) {
        return this.deps.storeOne(batch[0]);
      }
      batch[0].log.warn(
        { err: (error as Error).message, batch: batch.length },
        'could not store a batch of messages; storing them one by one',
      );
      for (const item of batch) {
        await this.deps.storeOne(item);
      }
      return;
    }
    if (stored) {
      this.deps.published();
    }
    batch.forEach((item) => item.delivery.ack());
  }
}
