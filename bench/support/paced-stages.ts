import { Client } from 'pg';
import { percentile, round } from './report';

/** Milliseconds of one leg of a message's trip, as p50 / p95 / p99 over the paced messages. */
export interface Leg {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface PacedLegs {
  /** publish → the hub took it and started inspecting (its record's received_at): broker in + queueing */
  toHub: Leg;
  /** received_at → arrival at the creditor: inspect, decide, commit, outbox relay, broker out */
  hubToCreditor: Leg;
}

function leg(values: number[]): Leg {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

/**
 * Splits each paced message's trip at the moment the hub recorded receiving it. The hub stamps
 * `message.received_at` when it starts inspecting the batch that holds the message; times here are
 * wall-clock milliseconds of this machine (the hub runs on the same clock).
 */
export async function legsOf(
  hubDatabaseUrl: string,
  trips: Array<{ messageId: string; publishedMs: number; arrivedMs: number }>,
): Promise<PacedLegs> {
  const db = new Client({ connectionString: hubDatabaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; ms: number }>(
      `SELECT "message_id" AS id, extract(epoch FROM "received_at") * 1000 AS ms
         FROM "message" WHERE "message_id" = ANY($1::uuid[])`,
      [trips.map((t) => t.messageId)],
    );
    const received = new Map(rows.map((r) => [r.id, Number(r.ms)]));
    const known = trips.filter((t) => received.has(t.messageId));
    return {
      toHub: leg(known.map((t) => (received.get(t.messageId) as number) - t.publishedMs)),
      hubToCreditor: leg(known.map((t) => t.arrivedMs - (received.get(t.messageId) as number))),
    };
  } finally {
    await db.end();
  }
}

/** Converts this process's hrtime (ns) to wall-clock milliseconds, sub-millisecond. */
export function wallClock(): (hrtime: bigint) => number {
  const offsetMs = performance.timeOrigin + performance.now() - Number(process.hrtime.bigint()) / 1e6;
  return (hrtime) => Number(hrtime) / 1e6 + offsetMs;
}
