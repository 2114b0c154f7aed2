import { eventually } from '../../test/support/eventually';
import type { AppProcess } from '../../test/support/app-process';
import { BenchNetwork, prepareKennisgevingen, progressOf, publish } from './bench-network';
import { between, bucketCeiling, mean, readHub } from './hub-metrics';
import { note, now, round, secondsSince, vmMb, watchRss } from './report';

export interface BurstResult {
  n: number;
  /** hrtime (ns) of the first publish and of the last receipt's arrival */
  startedAt: bigint;
  endedAt: bigint;
  /** the last message in its creditor's queue */
  routedSeconds: number;
  /** that, and the last ACCEPTED receipt in the municipality's queue */
  seconds: number;
  messagesPerSec: number;
  /** per hub: sampled peak RSS during the burst, and VmHWM (the process's peak since it started) */
  peakRssMb: number[];
  hwmMb: number[];
  meanRoutingMs: number;
  p99RoutingCeilingMs: number;
  meanMessagesPerCommit: number;
}

/**
 * Publishes `n` signed Kennisgevingen as fast as the broker confirms them (windows of 200) and waits
 * until every one sits at its creditor and every ACCEPTED receipt at the municipality.
 */
export async function burst(net: BenchNetwork, hubs: AppProcess[], n: number): Promise<BurstResult> {
  note(`burst: signing ${n} messages`);
  const messages = prepareKennisgevingen(net, n);
  const ids = messages.map((m) => m.messageId);
  const before = await Promise.all(hubs.map((hub) => readHub(hub.url)));
  const stopRss = watchRss(hubs.map((hub) => hub.pid));
  note(`burst: publishing ${n} messages through ${hubs.length} hub(s)`);
  const started = now();
  for (let i = 0; i < n; i += 200) {
    await Promise.all(messages.slice(i, i + 200).map((m) => publish(net, m)));
  }
  let routedSeconds = Number.NaN;
  await eventually(
    () => {
      const { delivered, accepted } = progressOf(net, ids);
      if (delivered === n && Number.isNaN(routedSeconds)) {
        routedSeconds = secondsSince(started);
      }
      // a REJECTED receipt never turns ACCEPTED: stop waiting and say so
      return net.receipts.rejected.size > 0 || (delivered === n && accepted === n);
    },
    { timeoutMs: 600_000, intervalMs: 20, what: `${n} routed and ACCEPTED` },
  );
  const endedAt = now();
  const seconds = Number(endedAt - started) / 1e9;
  const peakRssMb = stopRss();
  if (net.receipts.rejected.size > 0) {
    throw new Error(`${net.receipts.rejected.size} messages REJECTED by the hub`);
  }
  const after = await Promise.all(hubs.map((hub) => readHub(hub.url)));
  const routing = between(
    before.map((r) => r.routing),
    after.map((r) => r.routing),
  );
  const batch = between(
    before.map((r) => r.batch),
    after.map((r) => r.batch),
  );
  return {
    n,
    startedAt: started,
    endedAt,
    routedSeconds: round(routedSeconds, 2),
    seconds: round(seconds, 2),
    messagesPerSec: Math.round(n / seconds),
    peakRssMb,
    hwmMb: hubs.map((hub) => vmMb(hub.pid, 'VmHWM')),
    meanRoutingMs: round(mean(routing) * 1000),
    p99RoutingCeilingMs: bucketCeiling(routing, 99) * 1000,
    meanMessagesPerCommit: round(mean(batch)),
  };
}
