import type { SkpMessage } from '@skp/messages';
import type { Logger } from 'pino';
import type { Delivery } from '../amqp/amqp-client';
import type { DatabaseGate } from '../resilience/database-gate';
import { InboxBatcher, InboxBatcherDeps, VerifiedDelivery } from './inbox-batcher';

/** A delivery that records how it was settled. */
function anItem(id: string, settled: string[]): VerifiedDelivery {
  const delivery = {
    ack: () => settled.push(`ack ${id}`),
    requeue: () => settled.push(`requeue ${id}`),
    reject: () => settled.push(`reject ${id}`),
  } as unknown as Delivery;
  const log = { warn: () => undefined } as unknown as Logger;
  return { message: { header: { messageId: id } } as SkpMessage, delivery, log };
}

const passThroughGate = { run: <T>(work: () => Promise<T>) => work() } as unknown as DatabaseGate;

/** A commit the test releases by hand, so it can see what waits for it. */
function deferred(): {
  promise: Promise<boolean>;
  resolve: (v: boolean) => void;
  reject: (e: Error) => void;
} {
  let resolve!: (v: boolean) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<boolean>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('InboxBatcher', () => {
  it('acks a batch only after its commit, and stores what arrived meanwhile as the next batch', async () => {
    const settled: string[] = [];
    const commits: Array<{ ids: string[]; done: ReturnType<typeof deferred> }> = [];
    let published = 0;
    const deps: InboxBatcherDeps = {
      gate: passThroughGate,
      maxBatch: 10,
      storeAll: (messages) => {
        const done = deferred();
        commits.push({ ids: messages.map((m) => m.header.messageId), done });
        return done.promise;
      },
      storeOne: () => Promise.reject(new Error('not expected')),
      published: () => (published += 1),
    };
    const batcher = new InboxBatcher(deps);
    batcher.add(anItem('a', settled));
    batcher.add(anItem('b', settled));
    await settle();
    batcher.add(anItem('c', settled));
    batcher.add(anItem('d', settled));
    await settle();
    expect(commits.map((c) => c.ids)).toEqual([['a', 'b']]);
    expect(settled).toEqual([]);

    commits[0].done.resolve(true);
    await settle();
    expect(settled).toEqual(['ack a', 'ack b']);
    expect(commits.map((c) => c.ids)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);

    commits[1].done.resolve(false); // all duplicates: acked, nothing to publish
    await settle();
    expect(settled).toEqual(['ack a', 'ack b', 'ack c', 'ack d']);
    expect(published).toBe(1);
  });

  it('caps a batch at maxBatch messages', async () => {
    const settled: string[] = [];
    const sizes: number[] = [];
    const batcher = new InboxBatcher({
      gate: passThroughGate,
      maxBatch: 2,
      storeAll: (messages) => Promise.resolve(sizes.push(messages.length) > 0),
      storeOne: () => Promise.reject(new Error('not expected')),
      published: () => undefined,
    });
    ['a', 'b', 'c', 'd', 'e'].forEach((id) => batcher.add(anItem(id, settled)));
    await settle();
    await settle();
    expect(sizes).toEqual([2, 2, 1]);
    expect(settled).toEqual(['ack a', 'ack b', 'ack c', 'ack d', 'ack e']);
  });

  it('stores a refused batch again one message at a time, in order, and acks none of it itself', async () => {
    const settled: string[] = [];
    const one: string[] = [];
    const batcher = new InboxBatcher({
      gate: passThroughGate,
      maxBatch: 10,
      storeAll: () => Promise.reject(new Error('value too long')),
      storeOne: (item) => {
        one.push(item.message.header.messageId);
        item.delivery[item.message.header.messageId === 'b' ? 'requeue' : 'ack']();
        return Promise.resolve();
      },
      published: () => undefined,
    });
    ['a', 'b', 'c'].forEach((id) => batcher.add(anItem(id, settled)));
    await settle();
    expect(one).toEqual(['a', 'b', 'c']);
    expect(settled).toEqual(['ack a', 'requeue b', 'ack c']);
  });

  it('holds the batch while the gate waits out an outage, then stores it once', async () => {
    const settled: string[] = [];
    let attempts = 0;
    const retryingGate = {
      run: async <T>(work: () => Promise<T>): Promise<T> => {
        for (;;) {
          try {
            return await work();
          } catch {
            // the gate would wait for the database here
          }
        }
      },
    } as unknown as DatabaseGate;
    const batcher = new InboxBatcher({
      gate: retryingGate,
      maxBatch: 10,
      storeAll: () => (++attempts < 3 ? Promise.reject(new Error('ECONNREFUSED')) : Promise.resolve(true)),
      storeOne: () => Promise.reject(new Error('not expected')),
      published: () => undefined,
    });
    batcher.add(anItem('a', settled));
    await settle();
    await settle();
    expect(attempts).toBe(3);
    expect(settled).toEqual(['ack a']);
  });
});
