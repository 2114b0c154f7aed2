/**
 * `npm run bench:hub`: the hub measured end to end as real processes on this machine, one JSON
 * object per figure on stdout (progress on stderr). In one run: the raw broker round trip, the
 * hub's burst throughput and its ratio to that, latency at a paced rate, the hub's peak RSS, a CSV
 * import through a municipality adapter until every row is ACCEPTED, and the burst with two hubs.
 * The floor under that latency is measured too: the broker alone along the hub's path (three quorum
 * queues per message, a forwarder process with none of the hub's work).
 * The round trip and the burst alternate BENCH_ROUNDS times (3); the ratio is that of their medians.
 * Sizes: BENCH_MESSAGES, BENCH_PACED_RATE, BENCH_PACED_SECONDS, BENCH_CSV_ROWS, BENCH_CREDITORS.
 */
import { cpus, loadavg } from 'node:os';
import { startBenchNetwork, prepareKennisgevingen, BenchNetwork } from './support/bench-network';
import { burst, BurstResult } from './support/burst';
import { csvImport } from './support/csv-import';
import { paced } from './support/paced';
import { line, median, note, round, SIZES } from './support/report';
import type { AppProcess } from '../test/support/app-process';
import { brokerAlongHubPath } from './support/broker-forwarder';
import { brokerPaced } from './support/broker-paced';
import { brokerRoundTrip } from './support/round-trip';

/** Round trip and burst, alternated SIZES.rounds times: every value, and the medians' ratio. */
async function rounds(
  net: BenchNetwork,
  hubs: AppProcess[],
  payload: Buffer,
): Promise<{ brokerRates: number[]; bursts: BurstResult[] }> {
  const brokerRates: number[] = [];
  const bursts: BurstResult[] = [];
  for (let r = 0; r < SIZES.rounds; r++) {
    note(
      `round ${r + 1} of ${SIZES.rounds}: broker round trip, ${SIZES.messages} messages of ${payload.length} bytes`,
    );
    brokerRates.push(Math.round(await brokerRoundTrip(net.h.prefix, payload, SIZES.messages)));
    bursts.push(await burst(net, hubs, SIZES.messages));
  }
  return { brokerRates, bursts };
}

function roundLines(
  { brokerRates, bursts }: { brokerRates: number[]; bursts: BurstResult[] },
  hubs: number,
  payload: Buffer,
  creditors: number,
): void {
  const brokerRate = median(brokerRates);
  const rates = bursts.map((b) => b.messagesPerSec);
  // the burst whose rate is the median: its other figures come with it
  const result = bursts[rates.indexOf(median(rates))];
  line({
    bench: 'broker round trip (quorum queue, confirms, manual ack)',
    hubs,
    value: brokerRate,
    unit: 'msg/s median',
    n: SIZES.messages,
    bytes: payload.length,
    rounds: brokerRates,
  });
  line({
    bench: 'hub burst (routed to every creditor queue and every ACCEPTED receipt back)',
    hubs,
    value: result.messagesPerSec,
    unit: 'msg/s median',
    n: result.n,
    rounds: rates,
    creditors,
    seconds: result.seconds,
    routedSeconds: result.routedSeconds,
    meanRoutingMs: result.meanRoutingMs,
    p99RoutingCeilingMs: result.p99RoutingCeilingMs,
    meanMessagesPerCommit: result.meanMessagesPerCommit,
  });
  line({
    bench: 'hub burst / broker round trip',
    hubs,
    value: round(result.messagesPerSec / brokerRate, 3),
    unit: 'ratio of the medians',
    n: result.n,
    roundRatios: bursts.map((b, i) => round(b.messagesPerSec / brokerRates[i], 3)),
  });
  line({
    bench: 'hub peak RSS during the burst',
    hubs,
    value: Math.max(...bursts.flatMap((b) => b.peakRssMb)),
    unit: 'MB, highest of every round',
    n: result.n,
    perRoundSampledMb: bursts.map((b) => b.peakRssMb),
    perHubVmHwmMb: bursts[bursts.length - 1].hwmMb,
  });
}

async function run(net: BenchNetwork): Promise<void> {
  const payload = prepareKennisgevingen(net, 1)[0].content;
  roundLines(await rounds(net, [net.h.hub], payload), 1, payload, net.creditors.length);

  const floor = await brokerPaced(net.h.prefix, payload, SIZES.pacedRate, SIZES.pacedSeconds);
  line({
    bench: 'latency publish → consumer, broker alone (paced)',
    value: floor.p99Ms,
    unit: 'ms p99',
    n: floor.n,
    rate: SIZES.pacedRate,
    p50Ms: floor.p50Ms,
    p95Ms: floor.p95Ms,
    p99Ms: floor.p99Ms,
  });
  const path = await brokerAlongHubPath(
    net.h.prefix,
    payload,
    net.receipts.receiptBytes,
    SIZES.pacedRate,
    SIZES.pacedSeconds,
  );
  line({
    bench: "latency publish → creditor queue, broker alone along the hub's path (paced)",
    value: path.p99Ms,
    unit: 'ms p99',
    n: path.n,
    rate: SIZES.pacedRate,
    receiptBytes: net.receipts.receiptBytes,
    p50Ms: path.p50Ms,
    p95Ms: path.p95Ms,
    p99Ms: path.p99Ms,
  });
  const latency = await paced(net, SIZES.pacedRate, SIZES.pacedSeconds);
  line({
    bench: 'latency publish → creditor queue (paced)',
    value: latency.p99Ms,
    unit: 'ms p99',
    n: latency.n,
    rate: latency.rate,
    achievedRate: latency.achievedRate,
    p50Ms: latency.p50Ms,
    p95Ms: latency.p95Ms,
    p99Ms: latency.p99Ms,
    maxMs: latency.maxMs,
    hubMeanRoutingMs: latency.meanRoutingMs,
    hubP99RoutingCeilingMs: latency.p99RoutingCeilingMs,
  });
  line({
    bench: 'latency legs (split where the hub records receiving)',
    value: latency.legs.hubToCreditor.p99Ms,
    unit: 'ms p99 hub → creditor',
    n: latency.n,
    publishToHub: latency.legs.toHub,
    hubToCreditor: latency.legs.hubToCreditor,
  });

  const csv = await csvImport(net, SIZES.csvRows);
  line({
    bench: 'CSV import end to end (upload → every row ACCEPTED)',
    value: csv.rowsPerSec,
    unit: 'rows/s',
    n: csv.rows,
    cases: csv.cases,
    seconds: csv.seconds,
    jobDoneSeconds: csv.jobSeconds,
  });

  note('starting a second hub on the same database and broker prefix');
  const second = await net.h.startAnotherHub();
  try {
    roundLines(await rounds(net, [net.h.hub, second], payload), 2, payload, net.creditors.length);
  } finally {
    await second.stop();
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg().map((l) => round(l, 2));
  note(`starting the network: a hub and ${SIZES.creditors} creditors`);
  const net = await startBenchNetwork(SIZES.creditors);
  try {
    await run(net);
  } finally {
    await net.close();
  }
  line({
    bench: 'machine',
    node: process.version,
    cores: cpus().length,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg().map((l) => round(l, 2)),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
