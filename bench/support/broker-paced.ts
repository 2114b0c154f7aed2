import * as amqp from 'amqplib';
import { AMQP_URL } from '../../test/support/test-env';
import { publishPaced } from './paced';
import { now, percentile, round } from './report';

/**
 * The broker alone at a paced rate: publish (confirms) → consumer (manual ack) through one quorum
 * queue, the same bytes; the floor under the hub's publish → creditor latency, which crosses the
 * broker twice.
 */
export async function brokerPaced(
  prefix: string,
  payload: Buffer,
  rate: number,
  seconds: number,
): Promise<PacedLatency> {
  const connection = await amqp.connect(AMQP_URL, { noDelay: true });
  const publish = await connection.createConfirmChannel();
  const consume = await connection.createChannel();
  const queue = `${prefix}.bench.roundtrip`;
  await publish.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  const latency = await pacedThrough({ publish, consume }, queue, queue, payload, rate, seconds);
  await publish.deleteQueue(queue);
  await connection.close();
  return latency;
}

export interface PacedLatency {
  n: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/**
 * Publishes `payload` to queue `into` at a steady rate (confirms, each message at its own moment)
 * and measures publish → arrival at a consumer of queue `outOf` (manual ack), by messageId.
 */
export async function pacedThrough(
  channels: { publish: amqp.ConfirmChannel; consume: amqp.Channel },
  into: string,
  outOf: string,
  payload: Buffer,
  rate: number,
  seconds: number,
): Promise<PacedLatency> {
  const { publish, consume } = channels;
  const n = Math.max(1, Math.round(rate * seconds));
  const sentAt: bigint[] = [];
  const latencies: number[] = [];
  await consume.consume(outOf, (msg) => {
    if (msg) {
      latencies.push(Number(now() - sentAt[Number(msg.properties.messageId)]) / 1e6);
      consume.ack(msg);
    }
  });
  await publishPaced(n, rate, (i) => {
    sentAt[i] = now();
    return new Promise<void>((resolve, reject) =>
      publish.sendToQueue(into, payload, { persistent: true, messageId: String(i) }, (err: unknown) =>
        err ? reject(new Error('broker refused the message')) : resolve(),
      ),
    );
  });
  while (latencies.length < n) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const sorted = latencies.sort((a, b) => a - b);
  return {
    n,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
  };
}
