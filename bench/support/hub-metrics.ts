/**
 * The hub's own Prometheus series that tell where a message waits: the routing histogram (taken off
 * the inbound queue → its decision committed) and the group-commit size histogram.
 */
export interface HistogramReading {
  sum: number;
  count: number;
  /** cumulative counts by upper bound `le` (seconds or messages), in bucket order */
  buckets: Array<[number, number]>;
}

export interface HubReading {
  routing: HistogramReading;
  batch: HistogramReading;
}

function histogram(text: string, name: string): HistogramReading {
  const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? 0);
  const buckets: Array<[number, number]> = [];
  const bucketLine = new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} ([\\d.e+-]+)$`, 'gm');
  for (const match of text.matchAll(bucketLine)) {
    buckets.push([match[1] === '+Inf' ? Infinity : Number(match[1]), Number(match[2])]);
  }
  return {
    sum: value(new RegExp(`^${name}_sum(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'm')),
    count: value(new RegExp(`^${name}_count(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'm')),
    buckets,
  };
}

export async function readHub(url: string): Promise<HubReading> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    routing: histogram(text, 'skp_hub_routing_seconds'),
    batch: histogram(text, 'skp_hub_batch_size'),
  };
}

/** What was observed between two readings of the same hub (or the sum over several hubs). */
export function between(before: HistogramReading[], after: HistogramReading[]): HistogramReading {
  const total = (list: HistogramReading[]): HistogramReading =>
    list.reduce(
      (acc, r) => ({
        sum: acc.sum + r.sum,
        count: acc.count + r.count,
        buckets: r.buckets.map(([le, n], i) => [le, n + (acc.buckets[i]?.[1] ?? 0)] as [number, number]),
      }),
      { sum: 0, count: 0, buckets: [] } as HistogramReading,
    );
  const a = total(after);
  const b = total(before);
  return {
    sum: a.sum - b.sum,
    count: a.count - b.count,
    buckets: a.buckets.map(([le, n], i) => [le, n - (b.buckets[i]?.[1] ?? 0)] as [number, number]),
  };
}

export function mean(h: HistogramReading): number {
  return h.count > 0 ? h.sum / h.count : Number.NaN;
}

/** The upper bound of the bucket holding the p-th percentile (a ceiling, not an interpolation). */
export function bucketCeiling(h: HistogramReading, p: number): number {
  const target = (p / 100) * h.count;
  return h.buckets.find(([, n]) => n >= target)?.[0] ?? Number.NaN;
}
