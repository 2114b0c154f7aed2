import { eventually } from '../../test/support/eventually';
import { BenchNetwork, prepareKennisgevingen, progressOf, publish } from './bench-network';
import { between, bucketCeiling, mean, readHub } from './hub-metrics';
import { legsOf, PacedLegs, wallClock } from './paced-stages';
import { note, now, percentile, round } from './report';

export interface PacedResult {
  n: number;
  rate: number;
  /** what the publisher actually achieved (it can fall behind on a loaded machine) */
  achievedRate: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** inside the hub: taken off the inbound queue → decision committed */
  meanRoutingMs: number;
  p99RoutingCeilingMs: number;
  legs: PacedLegs;
}

const TICK_MS = 2;

/**
 * Calls `send(i)` for i = 0..n-1, each at its scheduled moment i / rate seconds after the start,
 * without waiting for earlier sends; resolves when all have resolved, with the seconds sending took.
 */
export async function publishPaced(
  n: number,
  rate: number,
  send: (i: number) => Promise<void>,
): Promise<number> {
  const sent: Promise<void>[] = [];
  const started = now();
  let next = 0;
  while (next < n) {
    const due = Math.min(n, Math.floor((Number(now() - started) / 1e9) * rate) + 1);
    for (; next < due; next++) {
      sent.push(send(next));
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const seconds = Number(now() - started) / 1e9;
  await Promise.all(sent);
  return seconds;
}

/**
 * Publishes at a steady `rate` for `seconds` (each message at its own scheduled moment, without
 * waiting for the previous confirm) and measures publish → arrival at the creditor's consumer,
 * per messageId, on one clock (this process's).
 */
export async function paced(net: BenchNetwork, rate: number, seconds: number): Promise<PacedResult> {
  const n = Math.max(1, Math.round(rate * seconds));
  note(`paced: signing ${n} messages`);
  const messages = prepareKennisgevingen(net, n);
  const ids = messages.map((m) => m.messageId);
  const publishedAt = new Map<string, bigint>();
  const before = await readHub(net.h.hub.url);
  note(`paced: ${rate} msg/s for ${seconds} s`);
  const publishSeconds = await publishPaced(n, rate, (i) => {
    publishedAt.set(messages[i].messageId, now());
    return publish(net, messages[i]);
  });
  await eventually(() => progressOf(net, ids).delivered === n, {
    timeoutMs: 600_000,
    intervalMs: 50,
    what: `${n} paced messages at their creditors`,
  });
  const routing = between([before.routing], [(await readHub(net.h.hub.url)).routing]);
  const wall = wallClock();
  const trips = ids.map((id, i) => ({
    messageId: id,
    publishedMs: wall(publishedAt.get(id) as bigint),
    arrivedMs: wall(net.inboxes[i % net.inboxes.length].delivered.get(id) as bigint),
  }));
  const latencies = trips.map((t) => t.arrivedMs - t.publishedMs).sort((a, b) => a - b);
  return {
    n,
    rate,
    achievedRate: round(n / publishSeconds),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1]),
    meanRoutingMs: round(mean(routing) * 1000),
    p99RoutingCeilingMs: bucketCeiling(routing, 99) * 1000,
    legs: await legsOf(net.h.hub.env.DATABASE_URL, trips),
  };
}
