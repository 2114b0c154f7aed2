/**
 * `npm run bench:hub`: the hub measured end to end as real processes on this machine, one JSON
 * object per figure on stdout (progress on stderr). In one run: the raw broker round trip, the
 * hub's burst throughput and its ratio to that, latency at a paced rate, the hub's peak RSS, a CSV
 * import through a municipality adapter until every row is ACCEPTED, and the burst with two hubs.
 * The floor under that latency is measured too: the broker alone along the hub's path (three quorum
 * queues per message, a forwarder process with none of the hub's work).
 * Sizes: BENCH_MESSAGES, BENCH_PACED_RATE, BENCH_PACED_SECONDS, BENCH_CSV_ROWS, BENCH_CREDITORS.
 */
import { cpus, loadavg } from 'node:os';
import { startBenchNetwork, prepareKennisgevingen, BenchNetwork } from './support/bench-network';
import { burst, BurstResult } from './support/burst';
import { csvImport } from './support/csv-import';
import { paced } from './support/paced';
import { line, note, round, SIZES } from './support/report';
import { brokerAlongHubPath } from './support/broker-forwarder';
import { brokerPaced } from './support/broker-paced';
import { brokerRoundTrip } from './support/round-trip';

function burstLines(result: BurstResult, hubs: number, brokerRate: number, creditors: number): void {
  line({
    bench: 'hub burst (routed to every creditor queue and every ACCEPTED receipt back)',
    hubs,
    value: result.messagesPerSec,
    unit: 'msg/s',
    n: result.n,
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
    unit: 'ratio',
    n: result.n,
  });
  line({
    bench: 'hub peak RSS during the burst',
    hubs,
    value: Math.max(...result.peakRssMb),
    unit: 'MB',
    n: result.n,
    perHubSampledMb: result.peakRssMb,
    perHubVmHwmMb: result.hwmMb,
  });
}

async function run(net: BenchNetwork): Promise<void> {
  const payload = prepareKennisgevingen(net, 1)[0].content;
  note(`broker round trip: ${SIZES.messages} messages of ${payload.length} bytes`);
  const brokerRate = await brokerRoundTrip(net.h.prefix, payload, SIZES.messages);
  line({
    bench: 'broker round trip (quorum queue, confirms, manual ack)',
    value: Math.round(brokerRate),
    unit: 'msg/s',
    n: SIZES.messages,
    bytes: payload.length,
  });

  burstLines(await burst(net, [net.h.hub], SIZES.messages), 1, brokerRate, net.creditors.length);

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
    const two = await burst(net, [net.h.hub, second], SIZES.messages);
    burstLines(two, 2, brokerRate, net.creditors.length);
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
