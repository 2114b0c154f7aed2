/**
 * Reads a V8 `.cpuprofile` (node --cpu-prof) and adds up sampled time per function (self time) and
 * per stage of the hub's path. A sample belongs to the first stage in STAGES that any frame of its
 * stack matches, so time in a native or library function counts for the hub code that called it.
 */
interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Stage name and what marks it: a path fragment of the frame's file or a function name. */
export const STAGES: ReadonlyArray<[string, RegExp]> = [
  ['receipt signing', /apps\/hub\/src\/inbound\/receipt-factory/],
  ['outbox (enqueue and relay)', /libs\/platform\/src\/outbox\//],
  [
    'schema validation',
    /libs\/messages\/src\/(validation|protocol)\/|node_modules\/class-(validator|transformer)\//,
  ],
  ['canonicalise and hash', /libs\/messages\/src\/codec\/canonical-json|\bsha256\b|\bsigningInput\b/],
  ['signature and chain verify', /libs\/crypto\/|node_modules\/node-forge\//],
  ['decode', /libs\/messages\/src\/codec\//],
  [
    'authorisation and decision',
    /apps\/hub\/src\/(inbound\/(inbound-decider|admission|protocol-checks|publisher-account|route-effects|outcome-effects|effect-builders|known-record)|parties\/|delivery-record\/(conversation|message)-state)/,
  ],
  [
    'DB record (TypeORM, pg)',
    /apps\/hub\/src\/delivery-record\/|node_modules\/(typeorm|pg|pg-protocol|pg-types)\//,
  ],
  ['AMQP (amqplib, client)', /node_modules\/amqplib\/|libs\/platform\/src\/amqp\//],
  ['inbound glue (consumer, pipeline, inspect)', /apps\/hub\/src\/inbound\//],
  ['metrics and logging', /node_modules\/(prom-client|pino[^/]*)\//],
  ['HTTP and framework', /node_modules\/(@nestjs|express|router|body-parser)\//],
  ['garbage collection', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
];

/** The same for a municipality adapter importing a CSV. */
export const ADAPTER_STAGES: ReadonlyArray<[string, RegExp]> = [
  ['outbox (enqueue and relay)', /libs\/platform\/src\/outbox\//],
  [
    'schema validation',
    /libs\/messages\/src\/(validation|protocol)\/|node_modules\/class-(validator|transformer)\//,
  ],
  ['canonicalise', /libs\/messages\/src\/codec\/canonical-json|\bsigningInput\b/],
  ['signing', /libs\/crypto\/|node_modules\/node-forge\//],
  ['CSV parse and plan', /libs\/platform\/src\/csv\/|municipality-adapter\/src\/import\/csv-import-plan/],
  ['DB (TypeORM, pg)', /node_modules\/(typeorm|pg|pg-protocol|pg-types)\//],
  ['AMQP (amqplib, client)', /node_modules\/amqplib\/|libs\/platform\/src\/amqp\//],
  ['receipts and tracking', /municipality-adapter\/src\/tracking\//],
  ['import runner and submission', /apps\/municipality-adapter\/src\//],
  ['HTTP and framework', /node_modules\/(@nestjs|express|router|body-parser)\//],
  ['garbage collection', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
];

const OTHER = 'other (runtime, unattributed)';

function label(frame: CallFrame): string {
  return `${frame.url} ${frame.functionName}`;
}

export interface ProfileSummary {
  /** sampled milliseconds in the window, idle included */
  windowMs: number;
  busyMs: number;
  stages: Array<{ stage: string; ms: number }>;
  functions: Array<{ name: string; where: string; stage: string; ms: number }>;
}

/** Sums the samples taken between `fromUs` and `toUs` (V8 monotonic µs; the whole profile if omitted). */
export function summarise(
  profile: CpuProfile,
  fromUs = -Infinity,
  toUs = Infinity,
  stages: ReadonlyArray<[string, RegExp]> = STAGES,
): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const stageOf = new Map<number, string>();
  const stageOfNode = (id: number): string => {
    const known = stageOf.get(id);
    if (known) {
      return known;
    }
    const stack: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      stack.push((byId.get(at) as ProfileNode).callFrame);
    }
    const found = stages.find(([, pattern]) =>
      stack.some((f) => pattern.test(f.url) || pattern.test(f.functionName)),
    );
    const stage = found?.[0] ?? OTHER;
    stageOf.set(id, stage);
    return stage;
  };

  const stageMs = new Map<string, number>();
  const selfMs = new Map<number, number>();
  let t = profile.startTime;
  let windowMs = 0;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i] ?? 0;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (t < fromUs || t > toUs) {
      return;
    }
    windowMs += ms;
    selfMs.set(id, (selfMs.get(id) ?? 0) + ms);
    const stage = stageOfNode(id);
    stageMs.set(stage, (stageMs.get(stage) ?? 0) + ms);
  });

  const functions = new Map<string, { name: string; where: string; stage: string; ms: number }>();
  for (const [id, ms] of selfMs) {
    const frame = (byId.get(id) as ProfileNode).callFrame;
    const where = frame.url
      ? `${frame.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${frame.lineNumber + 1}`
      : '(native)';
    const name = frame.functionName || '(anonymous)';
    const stage = stageOfNode(id);
    const key = `${label(frame)} ${stage}`;
    const entry = functions.get(key) ?? { name, where, stage, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  const idle = stageMs.get('idle') ?? 0;
  return {
    windowMs,
    busyMs: windowMs - idle,
    stages: [...stageMs].map(([stage, ms]) => ({ stage, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...functions.values()].sort((a, b) => b.ms - a.ms),
  };
}
