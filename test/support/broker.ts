import * as amqp from 'amqplib';
import { amqpNames } from '@skp/messages';
import {
  BrokerCredentials,
  BrokerManagement,
  brokerVhostOf,
  generateBrokerPassword,
  partyBrokerPermissions,
  partyBrokerUsername,
} from '@skp/platform';
import { AMQP_URL, RABBITMQ_MANAGEMENT_URL, TestParty } from './test-env';

/** The management API of the test broker (as its administrator). */
export function testBrokerManagement(): BrokerManagement {
  return new BrokerManagement(RABBITMQ_MANAGEMENT_URL, brokerVhostOf(AMQP_URL));
}

/**
 * The party's own broker account under `prefix`: the one its registration handed out, or, for a
 * party the hub does not know, one made here with the same least-privilege permissions.
 */
export async function ensurePartyBrokerAccount(prefix: string, party: TestParty): Promise<BrokerCredentials> {
  const username = partyBrokerUsername(prefix, party.oin);
  if (party.broker?.username === username) {
    return party.broker;
  }
  const credentials = { username, password: generateBrokerPassword() };
  const management = testBrokerManagement();
  await management.putUser(credentials);
  await management.setPermissions(username, partyBrokerPermissions(prefix, party.oin));
  party.broker = credentials;
  return credentials;
}

/** Deletes every broker user of a test run (`<prefix>-...`): a shared broker must not collect them. */
export async function deleteBrokerUsers(prefix: string): Promise<void> {
  const management = testBrokerManagement();
  const users = await management.listUsers().catch(() => [] as string[]);
  for (const user of users.filter((name) => name.startsWith(`${prefix}-`))) {
    await management.deleteUser(user).catch(() => undefined);
  }
}

/**
 * Deletes what a test run declared under its AMQP prefix, and its broker users. Quorum queues are
 * each a Raft group on the broker: left behind by hundreds of runs they slow it down for everyone
 * on the machine.
 */
export async function deleteBrokerTopology(
  prefix: string,
  partyOins: string[],
  extraQueues: string[] = [],
): Promise<void> {
  const names = amqpNames(prefix);
  const connection = await amqp.connect(AMQP_URL, { noDelay: true });
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
  await deleteBrokerUsers(prefix);
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
