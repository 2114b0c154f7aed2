import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AmqpClient, openDatabase, OutboxRelay, OutgoingMessage, PublishAfterCommit } from '@skp/platform';
import { HUB_MIGRATIONS } from '../apps/hub/src/database/migrations';
import {
  loadStoredPayloads,
  referencingStoredPayload,
} from '../apps/hub/src/delivery-record/stored-payloads';
import type { NewMessageRow } from '../apps/hub/src/delivery-record/record-rows';
import { eventually } from './support/eventually';
import { databaseUrl, dropDatabases, freshId } from './support/test-env';

const silent = pino({ level: 'silent' });

/** A broker that records what it confirmed, and refuses everything while `failing`. */
class RecordingBroker {
  readonly confirmed: OutgoingMessage[] = [];
  failing = false;
  readonly isConnected = true;

  async publishConfirmed(messages: OutgoingMessage[]): Promise<void> {
    if (this.failing) {
      throw new Error('broker refused message');
    }
    this.confirmed.push(...messages);
  }

  asClient(): AmqpClient {
    return this as unknown as AmqpClient;
  }
}

/** One hub process as far as the outbox goes: its relay (not started: rounds run by hand) and fast path. */
function hubProcess(dataSource: DataSource, graceMs: number) {
  const broker = new RecordingBroker();
  const relay = new OutboxRelay(dataSource, broker.asClient(), silent);
  relay.loadStoredContentWith(loadStoredPayloads);
  const fastPath = new PublishAfterCommit(dataSource, broker.asClient(), relay, silent, graceMs);
  return { broker, relay, fastPath };
}

/**
 * The outbox of ADR 0002 with issue 14's fast path: a commit's publishes leave from memory at
 * once, and the relay only takes what a crash or the broker left behind. Real Postgres (the hub's
 * migrations), a recording stand-in for the broker.
 */
describe('hub outbox: publish after commit, the relay as safety net', () => {
  const database = `skptest_outbox_${freshId()}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl(database),
      runMigrations: true,
      entities: [],
      migrations: HUB_MIGRATIONS,
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([database]);
  });

  /** A routed message in one transaction: its row (raw text and receipt) and its two publishes. */
  async function commitRouted(fastPath: PublishAfterCommit) {
    const messageId = randomUUID();
    const raw = JSON.stringify({ header: { messageId }, body: { note: 'één bericht' } });
    const receiptRaw = JSON.stringify({ header: { messageId: randomUUID(), inReplyTo: messageId } });
    const row = { messageId, raw, receiptRaw } as NewMessageRow;
    const publishes: OutgoingMessage[] = [
      { exchange: 'deliver', routingKey: 'creditor', content: Buffer.from(raw), options: { messageId } },
      { exchange: 'deliver', routingKey: 'municipality', content: Buffer.from(receiptRaw), options: {} },
    ];
    const enqueued = await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "message" ("message_id", "type", "state", "content_type", "raw", "receipt_raw")
         VALUES ($1, 'Kennisgeving', 'ROUTED', 'application/json', $2, $3)`,
        [messageId, raw, receiptRaw],
      );
      return fastPath.enqueue(
        manager,
        publishes.map((p) => referencingStoredPayload(row, p)),
      );
    });
    return { messageId, publishes, enqueued };
  }

  async function outboxRows(ids: string[]) {
    return dataSource.query<{ id: string; content: Buffer | null; stored_payload: string | null }[]>(
      `SELECT "id", "content", "stored_payload" FROM "outbox" WHERE "id" = ANY($1::bigint[]) ORDER BY "id"`,
      [ids],
    );
  }

  it('sends each payload to Postgres once: the outbox rows reference the message row', async () => {
    const hub = hubProcess(dataSource, 60_000);
    const { enqueued } = await commitRouted(hub.fastPath);
    expect((await outboxRows(enqueued.ids)).map((r) => [r.content, r.stored_payload])).toEqual([
      [null, 'raw'],
      [null, 'receipt'],
    ]);
    hub.relay.release(enqueued.ids);
    await hub.relay.relayOnce(0);
  });

  it('publishes at once after commit, once, and the relays of this and another process leave it alone', async () => {
    const hub = hubProcess(dataSource, 60_000);
    const other = hubProcess(dataSource, 60_000);
    const { publishes, enqueued } = await commitRouted(hub.fastPath);
    // committed, not yet published: this process's relay skips its claimed rows even when notified
    expect(await hub.relay.relayOnce(0)).toBe(0);
    // another process's relay leaves rows younger than the grace period to their writer
    expect(await other.relay.relayOnce()).toBe(0);
    await hub.fastPath.publish(enqueued);
    await hub.fastPath.settled();
    expect(hub.broker.confirmed.map((m) => m.content.toString())).toEqual(
      publishes.map((m) => m.content.toString()),
    );
    expect(await outboxRows(enqueued.ids)).toEqual([]);
    expect(await other.relay.relayOnce(0)).toBe(0);
    expect(other.broker.confirmed).toEqual([]);
  });

  it('a crash between commit and publish still delivers: the next process relays the rows after the grace period', async () => {
    const crashed = hubProcess(dataSource, 60_000);
    const { publishes, enqueued } = await commitRouted(crashed.fastPath);
    // the process dies here: the commit is done, nothing was published
    const restarted = hubProcess(dataSource, 300);
    await eventually(async () => (await restarted.relay.relayOnce()) > 0, {
      what: 'the rows left by the crash to be relayed',
      intervalMs: 50,
    });
    expect(restarted.broker.confirmed.map((m) => [m.routingKey, m.content.toString()])).toEqual(
      publishes.map((m) => [m.routingKey, m.content.toString()]),
    );
    expect(await outboxRows(enqueued.ids)).toEqual([]);
  });

  it('a broker failure at publish hands the rows to the relay, which publishes them when notified', async () => {
    const hub = hubProcess(dataSource, 60_000);
    hub.broker.failing = true;
    const { publishes, enqueued } = await commitRouted(hub.fastPath);
    await hub.fastPath.publish(enqueued);
    expect(hub.broker.confirmed).toEqual([]);
    expect(await outboxRows(enqueued.ids)).toHaveLength(2);
    hub.broker.failing = false;
    // notify() asked for a round that takes young rows too; the claims were released
    expect(await hub.relay.relayOnce(0)).toBe(2);
    expect(hub.broker.confirmed.map((m) => m.content.toString())).toEqual(
      publishes.map((m) => m.content.toString()),
    );
    expect(await outboxRows(enqueued.ids)).toEqual([]);
  });

  it('the migration goes down and up again, giving referencing rows their bytes back', async () => {
    const hub = hubProcess(dataSource, 60_000);
    const { publishes, enqueued } = await commitRouted(hub.fastPath);
    await undoThrough(dataSource, 'OutboxStoredPayloads1765400000000');
    const restored = await dataSource.query<{ content: Buffer }[]>(
      `SELECT "content" FROM "outbox" WHERE "id" = ANY($1::bigint[]) ORDER BY "id"`,
      [enqueued.ids],
    );
    expect(restored.map((r) => r.content.toString())).toEqual(publishes.map((m) => m.content.toString()));
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(`DELETE FROM "outbox"`);
  });
});

/** Undoes migrations, newest first, until `name` is undone (later ones may have been added since). */
async function undoThrough(dataSource: DataSource, name: string): Promise<void> {
  for (;;) {
    const [last] = await dataSource.query<{ name: string }[]>(
      `SELECT "name" FROM "migrations" ORDER BY "timestamp" DESC LIMIT 1`,
    );
    await dataSource.undoLastMigration({ transaction: 'each' });
    if (!last || last.name === name) {
      return;
    }
  }
}
