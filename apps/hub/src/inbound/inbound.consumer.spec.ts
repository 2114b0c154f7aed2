import type { AmqpNames } from '@skp/messages';
import type { AmqpClient, ConsumerSpec, DatabaseGate, Delivery, Logger } from '@skp/platform';
import type { ConsumeMessage } from 'amqplib';
import { Registry } from 'prom-client';
import type { HubEnv } from '../config/hub.env';
import { HubMetrics } from '../metrics/hub.metrics';
import type { Effects } from './effects';
import type { InboundPipeline, InspectedBatch, Settlement } from './inbound-pipeline.service';
import { batchLength, InboundConsumer, MAX_BATCH_BYTES, Taken } from './inbound.consumer';

const silent = { error: () => undefined, warn: () => undefined } as unknown as Logger;

/** The pipeline as the consumer sees it: each message names the messageIds it references; commits wait for the test. */
class ScriptedPipeline {
  readonly decided: string[][] = [];
  readonly commits: { names: string[]; finish: () => void }[] = [];
  inspectedCount = 0;
  /** the next commit fails as a database outage does */
  outageNext = false;

  inspectBatch(deliveries: { content: Buffer }[]): InspectedBatch {
    this.inspectedCount++;
    const refs = deliveries.map((d) => JSON.parse(d.content.toString()) as string[]);
    return {
      now: new Date(),
      deliveries: [],
      inspections: [],
      references: refs.flat(),
    };
  }

  async decideBatch(inspected: InspectedBatch): Promise<(Effects | null)[]> {
    this.decided.push(inspected.references);
    return inspected.references.map(() => ({}) as Effects);
  }

  commitBatch(decided: (Effects | null)[]): Promise<Settlement[]> {
    if (this.outageNext) {
      this.outageNext = false;
      return Promise.reject(Object.assign(new Error('connection terminated'), { code: '57P01' }));
    }
    return new Promise((resolve) =>
      this.commits.push({
        names: this.decided[this.decided.length - 1],
        finish: () => resolve(decided.map(() => 'ack')),
      }),
    );
  }
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(condition()).toBe(true);
}

describe('InboundConsumer: a batch commits beside the one in flight only when independent', () => {
  let deliver: (refs: string[]) => Delivery;
  let pipeline: ScriptedPipeline;
  const acked: string[] = [];

  beforeEach(async () => {
    pipeline = new ScriptedPipeline();
    acked.length = 0;
    let onDelivery: ConsumerSpec['onDelivery'] = () => undefined;
    const amqp = {
      username: 'hub',
      consume: async (spec: ConsumerSpec) => {
        onDelivery = spec.onDelivery;
      },
    } as unknown as AmqpClient;
    const consumer = new InboundConsumer(
      amqp,
      pipeline as unknown as InboundPipeline,
      { run: <T>(work: () => Promise<T>) => work(), isOutage: async () => true } as unknown as DatabaseGate,
      new HubMetrics(new Registry()),
      { hubInbound: 'in' } as AmqpNames,
      { HUB_PREFETCH: 10, AMQP_PREFIX: 't', HUB_ALLOW_SHARED_BROKER_USER: 'true' } as HubEnv,
      silent,
    );
    await consumer.onApplicationBootstrap();
    deliver = (refs) => {
      const message = {
        content: Buffer.from(JSON.stringify(refs)),
        fields: { exchange: 'skp.inbound', routingKey: 'x' },
        properties: { headers: {} },
      } as unknown as ConsumeMessage;
      const delivery: Delivery = {
        message,
        ack: () => acked.push(refs.join()),
        requeue: () => undefined,
        reject: () => undefined,
      };
      onDelivery(delivery);
      return delivery;
    };
  });

  it('decides an independent batch while the previous one commits, and acks each on its own commit', async () => {
    deliver(['a']);
    await until(() => pipeline.commits.length === 1);
    deliver(['b']);
    await until(() => pipeline.commits.length === 2);
    expect(pipeline.decided).toEqual([['a'], ['b']]);
    pipeline.commits[1].finish();
    await until(() => acked.length === 1);
    expect(acked).toEqual(['b']);
    pipeline.commits[0].finish();
    await until(() => acked.length === 2);
  });

  it('waits for the batch in flight before deciding a batch that shares a messageId with it', async () => {
    deliver(['a']);
    await until(() => pipeline.commits.length === 1);
    deliver(['c', 'a']); // e.g. an answer to a
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(pipeline.decided).toEqual([['a']]);
    pipeline.commits[0].finish();
    await until(() => pipeline.commits.length === 2);
    expect(pipeline.decided).toEqual([['a'], ['c', 'a']]);
    pipeline.commits[1].finish();
    await until(() => acked.length === 2);
    expect(acked).toEqual(['a', 'c,a']);
  });

  it('keeps at most two commits in flight', async () => {
    deliver(['a']);
    await until(() => pipeline.commits.length === 1);
    deliver(['b']);
    await until(() => pipeline.commits.length === 2);
    deliver(['c']);
    for (let i = 0; i < 50; i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(pipeline.decided).toHaveLength(2);
    pipeline.commits[0].finish();
    await until(() => pipeline.commits.length === 3);
    pipeline.commits[1].finish();
    pipeline.commits[2].finish();
    await until(() => acked.length === 3);
  });

  it('through a database outage holds the batch, inspects and decides it again, then commits and acks it', async () => {
    pipeline.outageNext = true;
    deliver(['a']);
    await until(() => pipeline.commits.length === 1);
    expect(pipeline.inspectedCount).toBe(2);
    expect(pipeline.decided).toEqual([['a'], ['a']]);
    expect(acked).toEqual([]);
    pipeline.commits[0].finish();
    await until(() => acked.length === 1);
  });
});

describe('batchLength: a batch is bounded in messages and in bytes', () => {
  const waiting = (...sizes: number[]): Taken[] =>
    sizes.map(
      (size) => ({ delivery: { message: { content: Buffer.alloc(size) } }, takenAt: 0n }) as unknown as Taken,
    );

  it('takes up to 100 small messages', () => {
    expect(batchLength(waiting(...Array.from({ length: 150 }, () => 4_000)))).toBe(100);
    expect(batchLength(waiting(4_000, 4_000))).toBe(2);
    expect(batchLength([])).toBe(0);
  });

  it('stops before the message that would take the batch past the byte limit', () => {
    const big = 256 * 1024;
    expect(batchLength(waiting(...Array.from({ length: 40 }, () => big)))).toBe(MAX_BATCH_BYTES / big);
  });

  it('always takes the first message, however large', () => {
    expect(batchLength(waiting(MAX_BATCH_BYTES + 1, 10))).toBe(1);
  });
});
