import { amqpNames } from '@skp/messages';
import type { TrustStore } from '@skp/crypto';
import type { DatabaseGate, EnqueuedPublishes, Logger, PublishAfterCommit } from '@skp/platform';
import { Registry } from 'prom-client';
import type { HubEnv } from '../config/hub.env';
import type { DeliveryRecordRepository } from '../delivery-record/delivery-record.repository';
import { HubMetrics } from '../metrics/hub.metrics';
import type { PartiesService } from '../parties/parties.service';
import type { Effects } from './effects';
import { InboundDecider } from './inbound-decider';
import { InboundPipeline } from './inbound-pipeline.service';
import type { ReceiptFactory } from './receipt-factory';

const names = amqpNames('t');
const silent = { error: () => undefined, warn: () => undefined } as unknown as Logger;

/** A message's own trouble is never a reason to send it back to the queue (issue 9, item 8). */
describe('InboundPipeline: content never requeues a message', () => {
  function pipeline(
    apply: (effects: Effects[]) => Promise<boolean[]>,
    decide?: () => Effects,
    published: EnqueuedPublishes[] = [],
  ) {
    const decider = new InboundDecider({} as ReceiptFactory, names, {} as HubEnv);
    if (decide) {
      jest.spyOn(decider, 'decide').mockImplementation(decide);
    }
    return new InboundPipeline(
      new (class {} as unknown as new () => TrustStore)(),
      decider,
      {
        applyEffects: async (effects: Effects[]) => {
          const applied = await apply(effects);
          return {
            applied,
            publishes: { ids: effects.map((_, i) => String(i)), messages: effects.flatMap((e) => e.outbox) },
          };
        },
        findKnown: async () => new Map(),
      } as unknown as DeliveryRecordRepository,
      { registrySnapshot: async () => new Map() } as unknown as PartiesService,
      { publish: async (p: EnqueuedPublishes) => void published.push(p) } as unknown as PublishAfterCommit,
      { isOutage: () => Promise.resolve(false) } as unknown as DatabaseGate,
      new HubMetrics(new Registry()),
      silent,
    );
  }
  const delivery = { content: Buffer.from('{nope'), contentType: 'application/json', routingKey: 'x' };
  const routed = (): Effects => ({
    events: [],
    moves: [],
    outbox: [{ exchange: names.deliver, routingKey: 'y', content: Buffer.from('a\u0000b'), options: {} }],
    outcome: { type: 'Kennisgeving', outcome: 'routed' },
  });

  it('an exception while deciding one message dead-letters that message', async () => {
    const applied: Effects[][] = [];
    const p = pipeline(
      async (effects) => {
        applied.push(effects);
        return effects.map(() => true);
      },
      () => {
        throw new TypeError("Cannot read properties of undefined (reading 'push')");
      },
    );
    expect(await p.processBatch([delivery])).toEqual(['ack']);
    expect(applied[0][0].outcome.outcome).toBe('dead_lettered');
    expect(applied[0][0].outbox[0].exchange).toBe(names.dlx);
  });

  it('the database refusing what a message contains (SQLSTATE class 22) dead-letters it instead', async () => {
    const applied: Effects[][] = [];
    const p = pipeline(async (effects) => {
      applied.push(effects);
      if (effects[0].outcome.outcome !== 'dead_lettered') {
        throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
      }
      return [true];
    }, routed);
    expect(await p.processBatch([delivery])).toEqual(['ack']);
    expect(applied.map((e) => e[0].outcome.outcome)).toEqual(['routed', 'dead_lettered']);
    expect(applied[1][0].outbox[0].content).toHaveLength(0);
  });

  it('publishes what a commit enqueued straight after it, and nothing of a failed commit', async () => {
    const published: EnqueuedPublishes[] = [];
    let fail = true;
    const p = pipeline(
      async (effects) => {
        if (fail) {
          fail = false;
          throw Object.assign(new Error('connection terminated'), { code: '57P01' });
        }
        return effects.map(() => true);
      },
      routed,
      published,
    );
    expect(await p.processBatch([delivery])).toEqual(['requeue']);
    expect(published).toEqual([]);
    expect(await p.processBatch([delivery])).toEqual(['ack']);
    expect(published.map((b) => b.messages.map((m) => m.routingKey))).toEqual([['y']]);
  });

  it('a database outage still sends the message back to the queue', async () => {
    const p = pipeline(async () => {
      throw Object.assign(new Error('connection terminated'), { code: '57P01' });
    }, routed);
    expect(await p.processBatch([delivery])).toEqual(['requeue']);
  });
});
