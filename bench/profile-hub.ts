/**
 * `npm run bench:profile`: the hub under `node --cpu-prof` during a burst (BENCH_MESSAGES, default
 * 2000, spread over BENCH_CREDITORS creditors); prints CPU time per stage of the hub's path and the
 * top self-time functions as JSON lines, and keeps the profile in .artifacts/profile/ (open it in
 * Chrome DevTools or speedscope). Only the samples taken during the burst are counted. With
 * BENCH_PROFILE_CSV_ROWS, a municipality adapter then imports that many CSV rows, profiled too.
 * With BENCH_PROFILE_PACED_SECONDS, the hub is also profiled under BENCH_PACED_RATE msg/s (default
 * 200) for that long: where a message's CPU goes when batches are small.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchNetwork } from './support/bench-network';
import { burst } from './support/burst';
import { csvImport } from './support/csv-import';
import { ADAPTER_STAGES, CpuProfile, summarise, STAGES } from './support/cpu-profile';
import { paced } from './support/paced';
import { line, note, now, round } from './support/report';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CREDITORS = Number(process.env.BENCH_CREDITORS ?? 14);
const CSV_ROWS = Number(process.env.BENCH_PROFILE_CSV_ROWS ?? 0);
const PACED_SECONDS = Number(process.env.BENCH_PROFILE_PACED_SECONDS ?? 0);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 200);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 30);
const KEEP = join(__dirname, '..', '.artifacts', 'profile');

interface Window {
  name: string;
  /** the profile's file name under .artifacts/profile/ (one per process) */
  file: string;
  pid: number | undefined;
  fromUs: number;
  toUs: number;
  n: number;
  stages: ReadonlyArray<[string, RegExp]>;
}

/** Summarises one process's profile over its window, as JSON lines. */
function report(dir: string, w: Window): void {
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${w.pid}.`));
  if (!file) {
    throw new Error(`${w.name} (pid ${w.pid}) wrote no profile in ${dir} (did it exit cleanly?)`);
  }
  mkdirSync(KEEP, { recursive: true });
  copyFileSync(join(dir, file), join(KEEP, `${w.file}.cpuprofile`));
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  // V8's profile clock and process.hrtime are both CLOCK_MONOTONIC on Linux; if not, take it all.
  const aligned = w.fromUs >= profile.startTime && w.toUs <= profile.endTime + 5e6;
  const summary = summarise(profile, aligned ? w.fromUs : -Infinity, aligned ? w.toUs : Infinity, w.stages);
  line({
    bench: 'profile',
    process: w.name,
    n: w.n,
    windowOnlyTheRun: aligned,
    sampledMs: Math.round(summary.windowMs),
    busyMs: Math.round(summary.busyMs),
    busyMsPerItem: round(summary.busyMs / w.n, 2),
    profile: `.artifacts/profile/${w.file}.cpuprofile`,
  });
  for (const { stage, ms } of summary.stages) {
    line({
      bench: 'profile stage',
      process: w.name,
      stage,
      value: Math.round(ms),
      unit: 'ms',
      shareOfBusy: stage === 'idle' ? null : round(ms / summary.busyMs, 3),
      msPerItem: round(ms / w.n, 3),
    });
  }
  summary.functions.slice(0, TOP).forEach(({ name, where, stage, ms }, i) => {
    line({
      bench: 'profile self time',
      process: w.name,
      rank: i + 1,
      function: name,
      where,
      stage,
      value: Math.round(ms),
      unit: 'ms',
      shareOfBusy: stage === 'idle' ? null : round(ms / summary.busyMs, 3),
    });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skp-cpu-prof-'));
  // AppProcess passes these to every app it starts: the hub and, with CSV rows, the adapter.
  process.env.APP_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`;
  line({ bench: 'profile machine', loadAverage: loadavg().map((l) => round(l, 2)) });
  note(`starting the profiled hub and ${CREDITORS} creditors`);
  const net = await startBenchNetwork(CREDITORS);
  const windows: Window[] = [];
  try {
    const result = await burst(net, [net.h.hub], MESSAGES);
    line({
      bench: 'profile burst',
      value: result.messagesPerSec,
      unit: 'msg/s',
      n: MESSAGES,
      creditors: CREDITORS,
    });
    const us = (ns: bigint): number => Number(ns / 1000n);
    windows.push({
      name: 'hub',
      file: 'hub',
      pid: net.h.hub.pid,
      fromUs: us(result.startedAt),
      toUs: us(result.endedAt),
      n: MESSAGES,
      stages: STAGES,
    });
    if (PACED_SECONDS > 0) {
      const started = now();
      const latency = await paced(net, PACED_RATE, PACED_SECONDS);
      line({
        bench: 'profile paced',
        value: latency.p99Ms,
        unit: 'ms p99',
        rate: PACED_RATE,
        p50Ms: latency.p50Ms,
      });
      const window = { fromUs: us(started), toUs: us(now()), n: latency.n };
      windows.push({ name: 'hub-paced', file: 'hub', pid: net.h.hub.pid, ...window, stages: STAGES });
    }
    if (CSV_ROWS > 0) {
      const csv = await csvImport(net, CSV_ROWS);
      line({ bench: 'profile CSV import', value: csv.rowsPerSec, unit: 'rows/s', n: CSV_ROWS });
      const window = { fromUs: us(csv.startedAt), toUs: us(csv.endedAt), n: CSV_ROWS };
      const adapter = 'municipality-adapter';
      windows.push({ name: adapter, file: adapter, pid: csv.pid, ...window, stages: ADAPTER_STAGES });
      windows.push({ name: 'hub-during-csv', file: 'hub', pid: net.h.hub.pid, ...window, stages: STAGES });
    }
  } finally {
    await net.close(); // each app writes its profile when it exits
  }
  windows.forEach((w) => report(dir, w));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
