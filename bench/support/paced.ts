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
  const confirms: Promise<void>[] = [];
  const started = now();
  let next = 0;
  while (next < n) {
    const due = Math.min(n, Math.floor((Number(now() - started) / 1e9) * rate) + 1);
    for (; next < due; next++) {
      publishedAt.set(messages[next].messageId, now());
      confirms.push(publish(net, messages[next]));
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  const publishSeconds = Number(now() - started) / 1e9;
  await Promise.all(confirms);
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
