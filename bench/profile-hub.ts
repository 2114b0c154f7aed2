/**
 * `npm run bench:profile`: the hub under `node --cpu-prof` during a burst (BENCH_MESSAGES, default
 * 2000, spread over BENCH_CREDITORS creditors); prints CPU time per stage of the hub's path and the
 * top self-time functions as JSON lines, and keeps the profile in .artifacts/profile/ (open it in
 * Chrome DevTools or speedscope). Only the samples taken during the burst are counted.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchNetwork } from './support/bench-network';
import { burst } from './support/burst';
import { CpuProfile, summarise } from './support/cpu-profile';
import { line, note, round } from './support/report';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 2000);
const CREDITORS = Number(process.env.BENCH_CREDITORS ?? 14);
const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 30);
const KEEP = join(__dirname, '..', '.artifacts', 'profile');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'skp-cpu-prof-'));
  // AppProcess passes these to every app it starts; this process starts only the hub.
  process.env.APP_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${dir}`;
  const loadBefore = loadavg().map((l) => round(l, 2));
  note(`starting the profiled hub and ${CREDITORS} creditors`);
  const net = await startBenchNetwork(CREDITORS);
  let window: [number, number];
  let result;
  try {
    result = await burst(net, [net.h.hub], MESSAGES);
    window = [Number(result.startedAt / 1000n), Number(result.endedAt / 1000n)];
  } finally {
    await net.close(); // the hub writes its profile when it exits
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) {
    throw new Error(`the hub wrote no profile in ${dir} (did it exit cleanly?)`);
  }
  mkdirSync(KEEP, { recursive: true });
  copyFileSync(join(dir, file), join(KEEP, 'hub.cpuprofile'));
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  // V8's profile clock and process.hrtime are both CLOCK_MONOTONIC on Linux; if not, take it all.
  const aligned = window[0] >= profile.startTime && window[1] <= profile.endTime + 5e6;
  const summary = aligned ? summarise(profile, ...window) : summarise(profile);

  line({
    bench: 'profile burst',
    value: result.messagesPerSec,
    unit: 'msg/s',
    n: MESSAGES,
    creditors: CREDITORS,
    windowOnlyTheBurst: aligned,
    sampledMs: Math.round(summary.windowMs),
    busyMs: Math.round(summary.busyMs),
    cpuMsPerMessage: round(summary.busyMs / MESSAGES, 2),
    loadAverageBefore: loadBefore,
    profile: '.artifacts/profile/hub.cpuprofile',
  });
  for (const { stage, ms } of summary.stages) {
    line({
      bench: 'profile stage',
      stage,
      value: Math.round(ms),
      unit: 'ms',
      shareOfBusy: stage === 'idle' ? null : round(ms / summary.busyMs, 3),
      msPerMessage: round(ms / MESSAGES, 3),
      n: MESSAGES,
    });
  }
  summary.functions.slice(0, TOP).forEach(({ name, where, stage, ms }, i) => {
    line({
      bench: 'profile self time',
      rank: i + 1,
      function: name,
      where,
      stage,
      value: Math.round(ms),
      unit: 'ms',
      shareOfBusy: round(ms / summary.busyMs, 3),
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
