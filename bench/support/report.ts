/**
 * What every benchmark shares: its sizes (from the environment), one JSON object per line on
 * stdout, percentiles, and the memory of a process it started (read from /proc).
 */
import { readFileSync } from 'node:fs';

function sizeFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

/** Defaults keep a whole `npm run bench` at a few minutes on the 2-core development machine. */
export const SIZES = {
  messages: sizeFromEnv('BENCH_MESSAGES', 5000),
  pacedRate: sizeFromEnv('BENCH_PACED_RATE', 200),
  pacedSeconds: sizeFromEnv('BENCH_PACED_SECONDS', 15),
  // a municipality's list of 1,000 cases × 14 creditors (a short import measures mostly warm-up)
  csvRows: sizeFromEnv('BENCH_CSV_ROWS', 14_000),
  creditors: sizeFromEnv('BENCH_CREDITORS', 14),
  // round trip and burst alternate this many times; their medians make the ratio (one measurement
  // lasts a few seconds, and on a shared machine one alone can be off by a quarter)
  rounds: sizeFromEnv('BENCH_ROUNDS', 3),
};

export function line(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/** Progress for the person watching; stderr, so stdout stays JSON lines only. */
export function note(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

export function now(): bigint {
  return process.hrtime.bigint();
}

export function secondsSince(started: bigint): number {
  return Number(now() - started) / 1e9;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Nearest-rank percentile of values sorted ascending. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** A `Vm*` field of /proc/<pid>/status in MB (VmRSS now, VmHWM the peak since start or reset). */
export function vmMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) {
    return Number.NaN;
  }
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return round(kb / 1024);
}

/**
 * Samples the resident set of some processes every `intervalMs` until stopped; the peak of each.
 * VmHWM covers start-up too, so the sampled peak is what the phase itself reached.
 */
export function watchRss(pids: Array<number | undefined>, intervalMs = 100): () => number[] {
  const peaks = pids.map((pid) => vmMb(pid, 'VmRSS'));
  const timer = setInterval(() => {
    pids.forEach((pid, i) => {
      const rss = vmMb(pid, 'VmRSS');
      if (rss > peaks[i]) {
        peaks[i] = rss;
      }
    });
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return peaks;
  };
}

/** The middle value (the lower middle of an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
