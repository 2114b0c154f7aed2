import { randomUUID } from 'node:crypto';
import { AmqpClient, openDatabase, OutboxRelay, PublishAfterCommit } from '@skp/platform';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AuditRepository } from '../apps/hub/src/audit/audit.repository';
import { HUB_MIGRATIONS } from '../apps/hub/src/database/migrations';
import { DeliveryRecordRepository } from '../apps/hub/src/delivery-record/delivery-record.repository';
import type { RecordChanges, StateMove } from '../apps/hub/src/delivery-record/record-rows';
import { databaseUrl, dropDatabases, freshId } from './support/test-env';

/** A routed Kennisgeving's changes as the pipeline makes them: its row, two events, forward and receipt. */
function routed(messageId: string = randomUUID(), at = new Date('2026-12-02T10:00:00.000Z')): RecordChanges {
  const raw = JSON.stringify({ header: { messageId }, body: { note: 'x'.repeat(2500) } });
  const receipt = JSON.stringify({ header: { inReplyTo: messageId }, body: { outcome: 'ACCEPTED' } });
  return {
    insert: {
      messageId,
      type: 'Kennisgeving',
      sender: '00000001000000000001',
      recipient: '00000003000000000002',
      conversationId: messageId,
      inReplyTo: null,
      headerCreatedAt: at.toISOString(),
      receivedAt: at,
      state: 'ROUTED',
      reasonCode: null,
      contentHash: 'a'.repeat(64),
      contentType: 'application/json',
      raw,
      signerFingerprint: 'b'.repeat(64),
      routedAt: at,
      deadlineAt: at,
      finalAt: null,
      pauseStart: null,
      pauseEnd: null,
      receiptRaw: receipt,
      conversationState: null,
    },
    events: [
      { messageId, at, kind: 'RECEIVED', state: 'RECEIVED', cause: null, detail: null },
      { messageId, at, kind: 'ROUTED', state: 'ROUTED', cause: 'hub', detail: { queue: 'creditor' } },
    ],
    moves: [],
    outbox: [
      { exchange: 'skp.deliver', routingKey: 'creditor', content: Buffer.from(raw), options: { messageId } },
      {
        exchange: 'skp.deliver',
        routingKey: 'municipality',
        content: Buffer.from(receipt),
        options: { type: 'Receipt' },
      },
    ],
  };
}

/** A move on a message nobody recorded: changes nothing, but takes the batch down the transaction path. */
const noOpMove = (): StateMove => ({ kind: 'delivered', messageId: randomUUID(), at: new Date() });

/**
 * The delivery record's group commit writes a batch that moves no earlier message as one statement
 * (one round trip) and any other batch in a transaction of several statements. Both must record
 * the same rows, and both drop whole a change whose message row is recorded already.
 */
describe('DeliveryRecordRepository.applyEffects', () => {
  const name = `skp_test_record_${freshId()}`;
  let dataSource: DataSource;
  let record: DeliveryRecordRepository;

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl(name),
      runMigrations: true,
      entities: [],
      migrations: HUB_MIGRATIONS,
    });
    const logger = pino({ level: 'silent' });
    const broker = { isConnected: false } as AmqpClient;
    const outbox = new PublishAfterCommit(
      dataSource,
      broker,
      new OutboxRelay(dataSource, broker, logger),
      logger,
    );
    record = new DeliveryRecordRepository(dataSource, new AuditRepository(dataSource), outbox);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabases([name]);
  });

  const query = <T>(sql: string, values: unknown[]): Promise<T[]> => dataSource.query(sql, values);

  /** What the record holds about some messages, without generated ids and with their messageIds numbered. */
  async function recorded(ids: string[]): Promise<unknown> {
    const n = (id: string | null): string => (id === null ? 'none' : `#${ids.indexOf(id)}`);
    const messages = await query<Record<string, unknown>>(
      `SELECT * FROM "message" WHERE "message_id" = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], "message_id")`,
      [ids],
    );
    const events = await query<{
      message_id: string;
      kind: string;
      state: string;
      cause: string;
      detail: unknown;
    }>(
      `SELECT "message_id", "at", "kind", "state", "cause", "detail" FROM "message_event"
       WHERE "message_id" = ANY($1::uuid[]) ORDER BY "id"`,
      [ids],
    );
    const outbox = await query<{ stored_message_id: string | null; content: Buffer | null }>(
      `SELECT "exchange", "routing_key", "content", "properties", "stored_message_id", "stored_payload" FROM "outbox"
       WHERE "stored_message_id" = ANY($1::uuid[]) OR "properties"->>'messageId' = ANY($1::text[]) ORDER BY "id"`,
      [ids],
    );
    const renumber = (row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([k, v]) => [k, ids.includes(v as string) ? n(v as string) : v]),
      );
    return {
      messages: messages.map((m) =>
        renumber({
          ...m,
          raw: String(m.raw).replace(String(m.message_id), '#'),
          receipt_raw: String(m.receipt_raw).replace(String(m.message_id), '#'),
        }),
      ),
      events: events.map(renumber),
      outbox: outbox.map((o) => ({
        ...renumber(o),
        content: o.content?.toString().replace(/[0-9a-f-]{36}/g, '#') ?? null,
        properties: '…',
      })),
    };
  }

  const paths = [
    ['one statement', (changes: RecordChanges[]) => changes],
    [
      'a transaction',
      (changes: RecordChanges[]) => [
        ...changes.slice(0, -1),
        { ...changes[changes.length - 1], moves: [noOpMove()] },
      ],
    ],
  ] as const;

  it('records the same rows through either path', async () => {
    const byPath = [];
    const transactions = jest.spyOn(dataSource, 'transaction');
    for (const [path, shape] of paths) {
      const batch = [routed(), routed(), routed()];
      transactions.mockClear();
      const { applied, publishes } = await record.applyEffects(shape(batch));
      expect(transactions).toHaveBeenCalledTimes(path === 'one statement' ? 0 : 1);
      expect(applied).toEqual([true, true, true]);
      expect(publishes.ids).toHaveLength(6);
      expect(publishes.messages.map((m) => m.routingKey)).toEqual(
        batch.flatMap(() => ['creditor', 'municipality']),
      );
      byPath.push(await recorded(batch.map((c) => c.insert!.messageId)));
    }
    expect((byPath[0] as { events: unknown[] }).events).toHaveLength(6);
    expect(byPath[1]).toEqual(byPath[0]);
    transactions.mockRestore();
  });

  it.each(paths)('through %s, drops whole a change whose message is recorded already', async (_, shape) => {
    const first = routed();
    await record.applyEffects([first]);
    const again = routed(first.insert!.messageId, new Date('2026-12-02T11:00:00.000Z'));
    const other = routed();
    const { applied, publishes } = await record.applyEffects(shape([again, other]));
    expect(applied).toEqual([false, true]);
    expect(publishes.ids).toHaveLength(2);
    expect(publishes.messages.map((m) => m.options.messageId ?? m.routingKey)).toEqual([
      other.insert!.messageId,
      'municipality',
    ]);
    const events = await query<{ message_id: string; at: Date }>(
      `SELECT "message_id", "at" FROM "message_event" WHERE "message_id" = ANY($1::uuid[]) ORDER BY "id"`,
      [[first.insert!.messageId, other.insert!.messageId]],
    );
    expect(events.map((e) => e.message_id)).toEqual([
      first.insert!.messageId,
      first.insert!.messageId,
      other.insert!.messageId,
      other.insert!.messageId,
    ]);
    expect(events.every((e) => e.at.getUTCHours() === 10)).toBe(true);
    const [{ n }] = await query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "outbox" WHERE "stored_message_id" = $1`,
      [first.insert!.messageId],
    );
    expect(n).toBe(2);
  });

  it.each(paths)(
    'through %s, keeps the events and publishes of a change that inserts no row',
    async (_, shape) => {
      const first = routed();
      await record.applyEffects([first]);
      const messageId = first.insert!.messageId;
      const at = new Date('2026-12-02T12:00:00.000Z');
      const redelivered: RecordChanges = {
        events: [{ messageId, at, kind: 'DUPLICATE', state: null, cause: 'hub', detail: { n: 2 } }],
        moves: [],
        outbox: [
          {
            exchange: 'skp.deliver',
            routingKey: 'again',
            content: Buffer.from('receipt again'),
            options: {},
          },
        ],
      };
      const { applied, publishes } = await record.applyEffects(shape([redelivered, routed()]));
      expect(applied).toEqual([true, true]);
      expect(publishes.messages.map((m) => m.routingKey)).toEqual(['again', 'creditor', 'municipality']);
      expect(publishes.ids).toHaveLength(3);
      const kinds = await query<{ kind: string }>(
        `SELECT "kind" FROM "message_event" WHERE "message_id" = $1 ORDER BY "id"`,
        [messageId],
      );
      expect(kinds.map((k) => k.kind)).toEqual(['RECEIVED', 'ROUTED', 'DUPLICATE']);
    },
  );

  it('stores the signed bytes of messages and receipts lz4-compressed where the server has lz4', async () => {
    const [{ lz4 }] = await query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY("enumvals") AS "lz4" FROM pg_settings WHERE "name" = 'default_toast_compression'`,
      [],
    );
    const columns = await query<{ attname: string; attcompression: string }>(
      `SELECT "attname", "attcompression" FROM pg_attribute
       WHERE "attrelid" = '"message"'::regclass AND "attname" IN ('raw', 'receipt_raw') ORDER BY "attname"`,
      [],
    );
    expect(columns).toEqual([
      { attname: 'raw', attcompression: lz4 ? 'l' : '' },
      { attname: 'receipt_raw', attcompression: lz4 ? 'l' : '' },
    ]);
  });
});
