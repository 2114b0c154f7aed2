import { outboxColumnArrays, OutboxMessage } from '@skp/platform';
import type { MessageTableRow } from './record-tables';
import type { NewMessageRow, RecordChanges } from './record-rows';

const MESSAGE_COLUMNS: [keyof NewMessageRow, keyof MessageTableRow][] = [
  ['messageId', 'message_id'],
  ['type', 'type'],
  ['sender', 'sender'],
  ['recipient', 'recipient'],
  ['conversationId', 'conversation_id'],
  ['inReplyTo', 'in_reply_to'],
  ['headerCreatedAt', 'header_created_at'],
  ['receivedAt', 'received_at'],
  ['state', 'state'],
  ['reasonCode', 'reason_code'],
  ['contentHash', 'content_hash'],
  ['contentType', 'content_type'],
  ['raw', 'raw'],
  ['signerFingerprint', 'signer_fingerprint'],
  ['routedAt', 'routed_at'],
  ['deadlineAt', 'deadline_at'],
  ['finalAt', 'final_at'],
  ['pauseStart', 'pause_start'],
  ['pauseEnd', 'pause_end'],
  ['receiptRaw', 'receipt_raw'],
  ['conversationState', 'conversation_state'],
];

/** Postgres takes at most 65,535 parameters in one statement; beyond this the batch goes statement by statement. */
const MAX_PARAMETERS = 60_000;

/**
 * `INSERT INTO "message"` of new rows, pushing their values onto `values`. A row whose messageId
 * is recorded already is skipped; the statement returns the messageIds it did insert.
 */
export function insertMessagesSql(rows: NewMessageRow[], values: unknown[]): string {
  const tuples = rows.map((row) => {
    const start = values.length;
    for (const [key] of MESSAGE_COLUMNS) {
      values.push(row[key]);
    }
    return `(${MESSAGE_COLUMNS.map((_, i) => `$${start + i + 1}`).join(', ')})`;
  });
  return `INSERT INTO "message" (${MESSAGE_COLUMNS.map(([, column]) => `"${column}"`).join(', ')})
     VALUES ${tuples.join(', ')} ON CONFLICT ("message_id") DO NOTHING RETURNING "message_id"`;
}

/** Whether a batch fits in one statement: it moves no earlier message's state and is not huge. */
export function fitsOneStatement(changes: RecordChanges[]): boolean {
  let parameters = 0;
  for (const change of changes) {
    if (change.moves.length > 0) {
      return false;
    }
    parameters += change.insert ? MESSAGE_COLUMNS.length : 0;
  }
  return parameters <= MAX_PARAMETERS;
}

/** A row the one statement returns: an inserted message or a new outbox row. */
export interface CommittedRow {
  kind: 'message' | 'outbox';
  id: string;
}

/**
 * A batch that moves no earlier message's state (`fitsOneStatement`), written as one statement:
 * one round trip to the database, atomic as its own transaction. The message rows go in first;
 * a change's events and outbox rows go in only when it inserts no row or its row went in (a row
 * another hub recorded first drops its change whole, as the transaction path does). Events and
 * outbox rows travel as one array per column (`unnest`), so the statement's size and planning do
 * not grow with the batch. `outbox[i]` is what change i publishes. Returns the inserted messageIds
 * and the new outbox rows' ids.
 */
export function commitStatement(
  changes: RecordChanges[],
  outbox: OutboxMessage[][],
): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const rows = changes.flatMap((c) => (c.insert ? [c.insert] : []));
  const parts = [
    `"inserted" AS (${rows.length > 0 ? insertMessagesSql(rows, values) : `SELECT NULL::uuid AS "message_id" WHERE false`})`,
  ];
  const events = changes.flatMap((c) => c.events.map((event) => ({ owner: ownerOf(c), event })));
  if (events.length > 0) {
    parts.push(
      keptRows(values, 'events', 'message_event', {
        columns: ['message_id', 'at', 'kind', 'state', 'cause', 'detail'],
        types: ['uuid[]', 'timestamptz[]', 'text[]', 'text[]', 'text[]', 'jsonb[]'],
        owners: events.map((e) => e.owner),
        arrays: [
          events.map(({ event }) => event.messageId),
          events.map(({ event }) => event.at),
          events.map(({ event }) => event.kind),
          events.map(({ event }) => event.state),
          events.map(({ event }) => event.cause),
          events.map(({ event }) => (event.detail === null ? null : JSON.stringify(event.detail))),
        ],
      }),
    );
  }
  const publishes = changes.flatMap((c, i) => outbox[i].map((message) => ({ owner: ownerOf(c), message })));
  if (publishes.length > 0) {
    const columns = outboxColumnArrays(
      publishes.map((p) => p.message),
      true,
    );
    parts.push(
      keptRows(
        values,
        'queued',
        'outbox',
        { ...columns, owners: publishes.map((p) => p.owner) },
        'RETURNING "id"',
      ),
    );
  }
  const outboxRows = publishes.length > 0 ? `UNION ALL SELECT 'outbox', "id"::text FROM "queued"` : '';
  return {
    sql: `WITH ${parts.join(',\n')}
      SELECT 'message' AS "kind", "message_id"::text AS "id" FROM "inserted" ${outboxRows}`,
    values,
  };
}

/**
 * A CTE inserting rows given as one array per column, in their order, each only when its owner
 * (the messageId of the change it belongs to) is null or was inserted by "inserted".
 */
function keptRows(
  values: unknown[],
  name: string,
  table: string,
  rows: { columns: string[]; types: string[]; owners: (string | null)[]; arrays: unknown[][] },
  returning = '',
): string {
  const first = values.length + 1;
  values.push(rows.owners, ...rows.arrays);
  const arrays = ['uuid[]', ...rows.types].map((type, i) => `$${first + i}::${type}`).join(', ');
  const columns = rows.columns.map((c) => `"${c}"`).join(', ');
  return `"${name}" AS (INSERT INTO "${table}" (${columns})
     SELECT ${rows.columns.map((c) => `r."${c}"`).join(', ')}
     FROM unnest(${arrays}) WITH ORDINALITY AS r("owner", ${columns}, "n")
     WHERE r."owner" IS NULL OR r."owner" IN (SELECT "message_id" FROM "inserted")
     ORDER BY r."n" ${returning})`;
}

function ownerOf(change: RecordChanges): string | null {
  return change.insert?.messageId ?? null;
}
