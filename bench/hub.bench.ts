/**
 * `npm run bench:hub`: routed messages per second through a real hub process with every check on
 * (decode, schema, signature and chain, authorisation, record, outbox, signed receipt), next to the
 * raw broker round trip measured in the same run on the same machine. JSON lines on stdout.
 */
import * as amqp from 'amqplib';
import { cpus } from 'node:os';
import { SkpMessage } from '@skp/messages';
import { anUnsignedKennisgeving } from '../test/factories/messages.factory';
import { eventually } from '../test/support/eventually';
import { startHub } from '../test/support/hub-harness';
import { PartyClient } from '../test/support/party-client';
import { AMQP_URL, testOin } from '../test/support/test-env';

const N = Number(process.env.BENCH_MESSAGES ?? 5000);

function line(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

/** Publish N persistent messages of the given size with confirms and consume them back. */
async function brokerRoundTrip(prefix: string, payload: Buffer): Promise<number> {
  const connection = await amqp.connect(AMQP_URL);
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
      if (received === N) {
        done();
      }
    }
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < N; i += 200) {
    const chunk = Math.min(200, N - i);
    for (let j = 0; j < chunk; j++) {
      publish.sendToQueue(queue, payload, { persistent: true, contentType: 'application/json' });
    }
    await publish.waitForConfirms();
  }
  await finished;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await publish.deleteQueue(queue);
  await connection.close();
  return N / seconds;
}

async function main(): Promise<void> {
  const h = await startHub({ LOG_LEVEL: 'warn' });
  try {
    const m = h.pki.party('municipality', testOin(1), 'Bench gemeente');
    const c = h.pki.party('creditor', testOin(2), 'Bench schuldeiser');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c, 'CREDITOR', true);
    const municipality = await new PartyClient(m, h.prefix).connect();
    const creditor = await new PartyClient(c, h.prefix).connect();

    const messages = Array.from({ length: N }, () =>
      municipality.sign(anUnsignedKennisgeving({ sender: m.oin, recipient: c.oin })),
    ) as SkpMessage[];
    const payload = Buffer.from(JSON.stringify(messages[0]));

    const brokerRate = await brokerRoundTrip(h.prefix, payload);
    line({
      bench: 'broker round trip (quorum queue, confirms, persistent)',
      messagesPerSec: Math.round(brokerRate),
      n: N,
      bytes: payload.length,
    });

    const started = process.hrtime.bigint();
    for (let i = 0; i < N; i += 200) {
      await Promise.all(messages.slice(i, i + 200).map((msg) => municipality.publishSigned(msg)));
    }
    await eventually(() => creditor.received.length >= N, {
      timeoutMs: 600_000,
      intervalMs: 50,
      what: `${N} routed`,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const hubRate = N / seconds;
    await eventually(() => municipality.received.length >= N, {
      timeoutMs: 600_000,
      intervalMs: 50,
      what: `${N} receipts`,
    });
    const receiptSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    line({
      bench: 'hub routed (all checks on, end to end)',
      messagesPerSec: Math.round(hubRate),
      n: N,
      seconds: Number(seconds.toFixed(2)),
    });
    line({
      bench: 'hub routed + ACCEPTED receipt back at sender',
      messagesPerSec: Math.round(N / receiptSeconds),
      n: N,
    });
    const metrics = await (await fetch(`${h.hub.url}/metrics`)).text();
    const sum = Number(/skp_hub_batch_size_sum\{[^}]*\} ([\d.e+]+)/.exec(metrics)?.[1] ?? 0);
    const batches = Number(/skp_hub_batch_size_count\{[^}]*\} ([\d.e+]+)/.exec(metrics)?.[1] ?? 0);
    line({
      bench: 'hub group commit',
      batches,
      meanMessagesPerCommit: batches ? Number((sum / batches).toFixed(1)) : 0,
    });
    line({
      bench: 'ratio',
      hubOverBrokerRoundTrip: Number((hubRate / brokerRate).toFixed(3)),
      node: process.version,
      cores: cpus().length,
    });
    await municipality.close();
    await creditor.close();
  } finally {
    await h.teardown();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
