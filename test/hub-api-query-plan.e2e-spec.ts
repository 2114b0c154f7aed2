import { Client } from 'pg';
import { openDatabase } from '@skp/platform';
import type { DataSource } from 'typeorm';
import { HUB_MIGRATIONS } from '../apps/hub/src/database/migrations';
import { encodeCursor } from '../apps/hub/src/monitoring/cursor';
import { MessageFilter, MessageQueryRepository } from '../apps/hub/src/monitoring/message-query.repository';
import { StatsRepository } from '../apps/hub/src/monitoring/stats.repository';
import { databaseUrl, dropDatabases, freshId } from './support/test-env';

const ROWS = 200_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The console's message search must stay fast at national volume: every filter combination the
 * API offers pages through an index, never a sequential scan of `message`, and touches a handful
 * of buffers whether it reads the first page or one deep in the history.
 */
describe('message search query plans at 200k rows', () => {
  const name = `skp_test_plan_${freshId()}`;
  let dataSource: DataSource;
  let client: Client;
  const repository = new MessageQueryRepository(undefined as never);
  const explain = async (
    filter: MessageFilter,
    after: { receivedAt: string; messageId: string } | null = null,
  ) => {
    const { sql, values } = repository.pageQuery(filter, after, 51);
    const result = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, values);
    const [{ Plan, 'Execution Time': ms }] = result.rows[0]['QUERY PLAN'] as [
      { Plan: PlanNode; 'Execution Time': number },
    ];
    return {
      plan: Plan,
      all: nodes(Plan),
      ms,
      buffers: (Plan['Shared Hit Blocks'] ?? 0) + (Plan['Shared Read Blocks'] ?? 0),
    };
  };

  beforeAll(async () => {
    dataSource = await openDatabase({
      url: databaseUrl(name),
      runMigrations: true,
      entities: [],
      migrations: HUB_MIGRATIONS,
    });
    client = new Client({ connectionString: databaseUrl(name) });
    await client.connect();
    // 200 creditors, 40 municipalities, four types, states spread like a live system, 3 s apart.
    await client.query(
      `INSERT INTO "message" ("message_id", "type", "sender", "recipient", "conversation_id", "in_reply_to", "received_at",
                              "state", "reason_code", "content_type", "raw", "routed_at", "deadline_at")
       SELECT gen_random_uuid(),
              (ARRAY['Kennisgeving','Kennisgeving','DeliveryReceipt','PauseAcknowledgement','ProgressUpdate'])[1 + i % 5],
              '000000990000000' || lpad((i % 40)::text, 5, '0'),
              '000000990000001' || lpad((i % 200)::text, 5, '0'),
              gen_random_uuid(), NULL,
              now() - (i * interval '3 seconds'),
              (ARRAY['ROUTED','DELIVERED','PAUSED','PAUSED','DECLINED','OVERDUE','REJECTED','PAUSED','DELIVERED','PAUSED'])[1 + i % 10],
              CASE WHEN i % 10 = 6 THEN 'SIGNATURE_INVALID' END,
              'application/json', repeat('x', 600), now() - (i * interval '3 seconds'), now() + interval '10 days'
       FROM generate_series(1, ${ROWS}) AS i`,
    );
    await client.query(`ANALYZE "message"`);
  }, 300_000);

  afterAll(async () => {
    await client?.end();
    await dataSource?.destroy();
    await dropDatabases([name]);
  });

  const filters: [string, MessageFilter][] = [
    ['no filter', {}],
    ['state', { state: 'OVERDUE' }],
    ['type', { type: 'PauseAcknowledgement' }],
    ['sender', { sender: '00000099000000000007' }],
    ['recipient', { recipient: '00000099000000100042' }],
    ['since/until', { since: new Date(Date.now() - 86_400_000), until: new Date(Date.now() - 3_600_000) }],
    ['state + recipient', { state: 'ROUTED', recipient: '00000099000000100040' }],
  ];

  it.each(filters)('pages with an index, never a sequential scan: %s', async (_, filter) => {
    const first = await explain(filter);
    const types = first.all.map((n) => n['Node Type']);
    expect(
      first.all.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === 'message'),
    ).toEqual([]);
    expect(types.some((t) => /Index/.test(t))).toBe(true);
    if (Object.keys(filter).length === 1 || filter.since) {
      // one equality filter or a time range: the index delivers rows already in page order
      expect(types).not.toContain('Sort');
    }
    if (process.env.SHOW_PLANS) {
      process.stdout.write(
        `${_}: ${types.join(' > ')}; ${first.buffers} buffers, ${first.ms.toFixed(2)} ms\n`,
      );
    }
    // two equality filters: the planner intersects two indexes (BitmapAnd) and sorts the small intersection
    expect(first.buffers).toBeLessThan(Object.keys(filter).length === 1 || filter.since ? 300 : 3000);

    // a page deep in the history costs the same: the cursor is an index condition, not an OFFSET
    const [middle] = (
      await client.query(
        `SELECT to_char("received_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at", "message_id"
         FROM "message" ORDER BY "received_at" DESC, "message_id" DESC OFFSET ${ROWS * 0.75} LIMIT 1`,
      )
    ).rows as { at: string; message_id: string }[];
    const deep = await explain(filter, { receivedAt: middle.at, messageId: middle.message_id });
    expect(deep.all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(deep.buffers).toBeLessThan(Object.keys(filter).length === 1 || filter.since ? 300 : 3000);
    if (process.env.SHOW_PLANS) {
      process.stdout.write(
        `${_} (page at 75%): ${deep.all.map((n) => n['Node Type']).join(' > ')}; ${deep.buffers} buffers, ${deep.ms.toFixed(2)} ms\n`,
      );
    }
    expect(encodeCursor({ receivedAt: middle.at, messageId: middle.message_id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('finds a conversation through its index', async () => {
    const [{ conversation_id }] = (
      await client.query(`SELECT "conversation_id" FROM "message" OFFSET 12345 LIMIT 1`)
    ).rows as { conversation_id: string }[];
    const { all, buffers } = await explain({ conversationId: conversation_id });
    expect(all.some((n) => n['Index Name'] === 'message_conversation')).toBe(true);
    expect(all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(buffers).toBeLessThan(20);
  });

  it('reads the dashboard figures without scanning the whole table where an index can answer', async () => {
    const stats = new StatsRepository(dataSource);
    const started = Date.now();
    await stats.messagesPerMinute(new Date(Date.now() - 3_600_000));
    await stats.oldestUndelivered();
    await stats.rejectionsByReason(new Date(Date.now() - 86_400_000));
    await stats.overdueByCreditor();
    expect(Date.now() - started).toBeLessThan(2000);
    const oldest = await client.query(
      `EXPLAIN (FORMAT JSON) SELECT "message_id" FROM "message" WHERE "state" = 'ROUTED' AND "type" <> 'DeliveryReceipt' ORDER BY "received_at" ASC, "message_id" ASC LIMIT 1`,
    );
    const plan = nodes((oldest.rows[0]['QUERY PLAN'] as [{ Plan: PlanNode }])[0].Plan);
    expect(plan.some((n) => n['Index Name'] === 'message_undelivered')).toBe(true);
  });
});
