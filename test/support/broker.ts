import * as amqp from 'amqplib';
import { amqpNames } from '@skp/messages';
import { AMQP_URL } from './test-env';

/**
 * Deletes what a test run declared under its AMQP prefix. Quorum queues are each a Raft group on
 * the broker: left behind by hundreds of runs they slow it down for everyone on the machine.
 */
export async function deleteBrokerTopology(
  prefix: string,
  partyOins: string[],
  extraQueues: string[] = [],
): Promise<void> {
  const names = amqpNames(prefix);
  const connection = await amqp.connect(AMQP_URL);
  try {
    const queues = [
      names.hubInbound,
      names.dead,
      names.hubUnrouted,
      ...partyOins.map((oin) => names.partyQueue(oin)),
      ...extraQueues,
    ];
    const exchanges = [
      names.inbound,
      `${names.inbound}.unrouted`,
      names.deliver,
      names.deliverUnrouted,
      names.dlx,
    ];
    for (const queue of queues) {
      await withChannel(connection, (channel) => channel.deleteQueue(queue));
    }
    for (const exchange of exchanges) {
      await withChannel(connection, (channel) => channel.deleteExchange(exchange));
    }
  } finally {
    await connection.close();
  }
}

async function withChannel(
  connection: amqp.ChannelModel,
  work: (channel: amqp.Channel) => Promise<unknown>,
): Promise<void> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined); // deleting what is already gone is fine
  await work(channel).catch(() => undefined);
  await channel.close().catch(() => undefined);
}
