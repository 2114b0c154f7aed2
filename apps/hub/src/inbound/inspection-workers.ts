import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TrustStore } from '@skp/crypto';
import type { Logger } from '@skp/platform';
import type { Examined } from './inspection-examine';
import { conclude, examineInline, InboundDelivery, Inspection, inspect } from './inspection';
import { ExamineReply, examineRequest } from './inspection-protocol';

export interface InspectionWorkersOptions {
  /** worker threads; 0 inspects on the main thread */
  size: number;
  /** starts one worker (tests start failing ones); default: inspection.worker beside this file */
  start?: () => Worker;
  /** a worker silent this long on a batch is replaced and the batch inspected inline */
  batchTimeoutMs?: number;
}

/** After this many worker failures in a row the pool stops using workers and says so once. */
const MAX_FAILURES_IN_A_ROW = 3;
/** Fewer messages than this per worker are not worth splitting a batch for. */
const MIN_CHUNK = 16;

interface Pending {
  messages: InboundDelivery[];
  resolve: (results: Examined[]) => void;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  retired: boolean;
}

/**
 * Both cores for inspection: the trust-free half of each message's checks (decode, schema,
 * canonical form, hash, signature math) runs in worker threads; the half that needs the live
 * TrustStore and the delivery (chain, revocation, dates, OIN, publisher) runs here, on the main
 * thread, in delivery order. A worker that fails or falls silent is replaced and its messages are
 * examined inline, so a crash neither loses nor holds up a message.
 */
export class InspectionWorkers {
  private readonly slots: Array<Slot | undefined>;
  private nextId = 1;
  private failuresInARow = 0;
  private inline: boolean;

  constructor(
    private readonly trust: TrustStore,
    private readonly logger: Logger,
    private readonly options: InspectionWorkersOptions,
  ) {
    this.slots = new Array<Slot | undefined>(options.size).fill(undefined);
    this.inline = options.size === 0;
  }

  get size(): number {
    return this.inline ? 0 : this.slots.length;
  }

  /** Starts the workers now, so the first batch does not wait for them to load. */
  onModuleInit(): void {
    this.slots.forEach((_, i) => this.slot(i));
  }

  async onApplicationShutdown(): Promise<void> {
    this.inline = true;
    await Promise.all(this.slots.map((slot, i) => (slot ? this.retire(i, slot) : Promise.resolve())));
  }

  /** Each delivery's inspection, in delivery order; never rejects. */
  async inspectBatch(deliveries: InboundDelivery[], now: Date): Promise<Inspection[]> {
    if (this.inline || deliveries.length === 0) {
      return deliveries.map((delivery) => inspect(delivery, this.trust, now));
    }
    const parts = Math.min(this.slots.length, Math.ceil(deliveries.length / MIN_CHUNK));
    const chunks = splitEvenly(deliveries, parts);
    const examined = (await Promise.all(chunks.map((chunk, i) => this.examineOn(i, chunk)))).flat();
    return deliveries.map((delivery, i) => conclude(delivery, examined[i], this.trust, now));
  }

  private examineOn(index: number, messages: InboundDelivery[]): Promise<Examined[]> {
    const slot = this.inline ? undefined : this.slot(index);
    if (!slot) {
      return Promise.resolve(messages.map(examineInline));
    }
    return new Promise((resolve) => {
      const id = this.nextId++;
      const timeoutMs = this.options.batchTimeoutMs ?? 30_000;
      const timer = setTimeout(() => this.failed(index, slot, `no answer within ${timeoutMs} ms`), timeoutMs);
      timer.unref();
      slot.pending.set(id, { messages, resolve, timer });
      try {
        const request = examineRequest(id, messages);
        slot.worker.postMessage(request, [request.buffer]);
      } catch (error) {
        this.failed(index, slot, `could not be sent the batch: ${(error as Error).message}`);
      }
    });
  }

  private slot(index: number): Slot | undefined {
    const existing = this.slots[index];
    if (existing) {
      return existing;
    }
    let worker: Worker;
    try {
      worker = (this.options.start ?? startInspectionWorker)();
    } catch (error) {
      this.countFailure(`could not start: ${(error as Error).message}`);
      return undefined;
    }
    worker.unref(); // the pool must never keep a stopping process alive
    const slot: Slot = { worker, pending: new Map(), retired: false };
    worker.on('message', (reply: ExamineReply) => this.answered(index, slot, reply));
    worker.on('error', (error) => this.failed(index, slot, error.message));
    worker.on('exit', (code) => this.failed(index, slot, `exited with code ${code}`));
    this.slots[index] = slot;
    return slot;
  }

  private answered(index: number, slot: Slot, reply: ExamineReply): void {
    const pending = slot.pending.get(reply.id);
    if (!pending) {
      return;
    }
    if (!Array.isArray(reply.results) || reply.results.length !== pending.messages.length) {
      this.failed(index, slot, 'answered with the wrong number of results');
      return;
    }
    slot.pending.delete(reply.id);
    clearTimeout(pending.timer);
    this.failuresInARow = 0;
    pending.resolve(reply.results);
  }

  private failed(index: number, slot: Slot, why: string): void {
    if (slot.retired) {
      return;
    }
    this.countFailure(why);
    void this.retire(index, slot);
  }

  private countFailure(why: string): void {
    this.failuresInARow++;
    this.logger.error(
      { err: why },
      'inspection worker failed; its messages are inspected on the main thread',
    );
    if (this.failuresInARow >= MAX_FAILURES_IN_A_ROW && !this.inline) {
      this.inline = true;
      this.logger.error(
        { failures: this.failuresInARow },
        'inspection workers keep failing; inspecting on the main thread from now on',
      );
    }
  }

  /** Takes a worker out of the pool; what it still owed is examined inline (exactly the same checks). */
  private async retire(index: number, slot: Slot): Promise<void> {
    slot.retired = true;
    if (this.slots[index] === slot) {
      this.slots[index] = undefined; // the next batch starts a fresh worker
    }
    for (const pending of slot.pending.values()) {
      clearTimeout(pending.timer);
      pending.resolve(pending.messages.map(examineInline));
    }
    slot.pending.clear();
    await slot.worker.terminate().catch(() => undefined);
  }
}

/** `parts` contiguous chunks of nearly equal size, in order. */
function splitEvenly<T>(items: T[], parts: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < parts; i++) {
    chunks.push(
      items.slice(Math.floor((i * items.length) / parts), Math.floor(((i + 1) * items.length) / parts)),
    );
  }
  return chunks;
}

/**
 * A worker's own V8 heap counts toward the hub's memory: a small young generation keeps its resident
 * size near what the same work costs on the main thread. A batch that needs more than the old
 * generation allows ends the worker; the batch is then inspected inline, as any failure is.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 64 };

/**
 * The worker beside this file: from dist, `inspection.worker.js` (the @skp/* aliases resolve
 * through the `-r scripts/register-paths.js` the worker inherits from the process's execArgv);
 * from the TypeScript sources (jest, ts-node), through a small bootstrap that registers ts-node.
 */
export function startInspectionWorker(): Worker {
  const script = join(__dirname, `inspection.worker${extname(__filename)}`);
  if (!script.endsWith('.ts')) {
    return new Worker(script, { resourceLimits: WORKER_LIMITS });
  }
  const root = join(__dirname, '..', '..', '..', '..');
  // ts-node compiling the sources needs more than the limits above: tests only
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { script, root } });
}

const TS_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { join } = require('node:path');
require('ts-node').register({ transpileOnly: true, project: join(workerData.root, 'tsconfig.json') });
const paths = require('tsconfig-paths');
const config = paths.loadConfig(workerData.root);
paths.register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
require(workerData.script);
`;
