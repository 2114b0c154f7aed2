import { ChildProcess, spawn } from 'node:child_process';
import * as amqp from 'amqplib';
import { AMQP_URL } from '../../test/support/test-env';
import { pacedThrough, PacedLatency } from './broker-paced';

/**
 * The hub's path through the broker with nothing of the hub's own work: a forwarder process takes
 * each message off an inbound quorum queue, publishes it to a creditor queue and a receipt of
 * `receiptBytes` to the sender's queue (confirms), and acknowledges the inbound message once both
 * are confirmed. It is plain JavaScript in its own process, as the hub is, and does no checks and
 * no database work: what it measures is the floor the broker and this machine put under the hub's
 * publish → creditor latency (three quorum queues per message instead of the round trip's one).
 */
const FORWARDER = `
const amqp = require('amqplib');
const [url, inbound, creditor, receipts, receiptBytes] = process.argv.slice(1);
const receipt = Buffer.alloc(Number(receiptBytes), 'r');
(async () => {
  const connection = await amqp.connect(url, { noDelay: true });
  const publish = await connection.createConfirmChannel();
  const consume = await connection.createChannel();
  await consume.prefetch(100);
  const sent = (queue, content, options) =>
    new Promise((resolve, reject) =>
      publish.sendToQueue(queue, content, { persistent: true, ...options }, (err) => (err ? reject(err) : resolve())),
    );
  await consume.consume(inbound, (msg) => {
    const { messageId } = msg.properties;
    Promise.all([sent(creditor, msg.content, { messageId }), sent(receipts, receipt, { messageId })]).then(
      () => consume.ack(msg),
      () => consume.nack(msg),
    );
  });
  process.send('ready');
})().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exit(1);
});
`;

export async function brokerAlongHubPath(
  prefix: string,
  payload: Buffer,
  receiptBytes: number,
  rate: number,
  seconds: number,
): Promise<PacedLatency> {
  const queues = ['in', 'creditor', 'receipts'].map((q) => `${prefix}.bench.path.${q}`);
  const [inbound, creditor, receipts] = queues;
  const connection = await amqp.connect(AMQP_URL, { noDelay: true });
  const publish = await connection.createConfirmChannel();
  const consume = await connection.createChannel();
  let forwarder: ChildProcess | undefined;
  try {
    for (const queue of queues) {
      await publish.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    }
    forwarder = spawn(
      process.execPath,
      ['-e', FORWARDER, AMQP_URL, inbound, creditor, receipts, String(receiptBytes)],
      {
        cwd: `${__dirname}/../..`,
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      forwarder?.once('message', () => resolve());
      forwarder?.once('exit', (code) => reject(new Error(`the forwarder exited with ${code}`)));
    });
    await consume.consume(receipts, (msg) => msg && consume.ack(msg));
    return await pacedThrough({ publish, consume }, inbound, creditor, payload, rate, seconds);
  } finally {
    forwarder?.kill();
    for (const queue of queues) {
      await publish.deleteQueue(queue).catch(() => undefined);
    }
    await connection.close();
  }
}
