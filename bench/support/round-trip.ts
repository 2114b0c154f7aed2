import * as amqp from 'amqplib';
import { AMQP_URL } from '../../test/support/test-env';

/**
 * The broker alone: `n` persistent messages of the given bytes through one quorum queue, published
 * with confirms (windows of 200) and consumed with manual acks. Messages per second.
 */
export async function brokerRoundTrip(prefix: string, payload: Buffer, n: number): Promise<number> {
  const connection = await amqp.connect(AMQP_URL, { noDelay: true });
  const publish = await connection.createConfirmChannel();
  const consume = await connection.createChannel();
  const queue = `${prefix}.bench.roundtrip`;
  await publish.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await consume.prefetch(300);
  let received = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consume.consume(queue, (msg) => {
    if (msg) {
      consume.ack(msg);
      received += 1;
      if (received === n) {
        done();
      }
    }
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i += 200) {
    const chunk = Math.min(200, n - i);
    for (let j = 0; j < chunk; j++) {
      publish.sendToQueue(queue, payload, { persistent: true, contentType: 'application/json' });
    }
    await publish.waitForConfirms();
  }
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await publish.deleteQueue(queue);
  await connection.close();
  return n / seconds;
}
