import type { EntityManager } from 'typeorm';
import type { MessageEventKind } from './message-state';
import type { NewEventRow } from './record-rows';

/** Appends timeline events in one statement. */
export async function appendEvents(manager: EntityManager, events: NewEventRow[]): Promise<void> {
  if (events.length === 0) {
    return;
  }
  const values: unknown[] = [];
  const tuples = events.map((e) => {
    const start = values.length;
    values.push(
      e.messageId,
      e.at,
      e.kind,
      e.state,
      e.cause,
      e.detail === null ? null : JSON.stringify(e.detail),
    );
    return `($${start + 1}, $${start + 2}, $${start + 3}, $${start + 4}, $${start + 5}, $${start + 6}::jsonb)`;
  });
  await manager.query(
    `INSERT INTO "message_event" ("message_id", "at", "kind", "state", "cause", "detail") VALUES ${tuples.join(', ')}`,
    values,
  );
}

/**
 * Appends an event to a message's timeline only when the record holds that message: a dead
 * letter's messageId is whatever its publisher claimed, maybe not even a uuid, hence the text
 * comparison. Without `at` the event takes the transaction's time, as its dead letter row does.
 */
export async function appendEventIfRecorded(
  manager: EntityManager,
  messageId: string,
  event: { at: Date | null; kind: MessageEventKind; cause: string; detail: Record<string, unknown> },
): Promise<void> {
  await manager.query(
    `INSERT INTO "message_event" ("message_id", "at", "kind", "cause", "detail")
     SELECT "message_id", COALESCE($2::timestamptz, now()), $3, $4, $5::jsonb FROM "message" WHERE "message_id"::text = $1`,
    [messageId, event.at, event.kind, event.cause, JSON.stringify(event.detail)],
  );
}
