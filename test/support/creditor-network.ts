import * as amqp from 'amqplib';
import { randomInt } from 'node:crypto';
import { signMessage } from '@skp/crypto';
import { amqpNames, AmqpNames, isValidBsn, SkpMessage, UnsignedMessage } from '@skp/messages';
import { AppProcess, freePort } from './app-process';
import { eventually } from './eventually';
import type { HubHarness } from './hub-harness';
import { ensurePartyBrokerAccount } from './broker';
import { AMQP_URL, databaseUrl, freshId, HUB_BROKER_USER, partyAmqpUrl, TestParty } from './test-env';

/** A fresh valid BSN (11-proef), so tests never share a debtor by accident. */
export function aBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => randomInt(10));
    const sum = digits.reduce((total, digit, i) => total + digit * (9 - i), 0);
    const candidate = `${digits.join('')}${sum % 11}`;
    if (sum % 11 <= 9 && isValidBsn(candidate)) {
      return candidate;
    }
  }
}

/**
 * A municipality as a test sees it: signs with its own certificate, publishes to `<prefix>.inbound`
 * under its OIN with amqplib, and collects everything that arrives on its own queue.
 */
export class TestMunicipality {
  readonly received: SkpMessage[] = [];
  private connection?: amqp.ChannelModel;
  private channel?: amqp.ConfirmChannel;
  /** the hub's account, for `inject` only */
  private hubConnection?: amqp.ChannelModel;
  private hubChannel?: amqp.ConfirmChannel;

  constructor(
    readonly party: TestParty,
    readonly names: AmqpNames,
  ) {}

  get oin(): string {
    return this.party.oin;
  }

  /** Connects with the party's own broker account (DESIGN §5). */
  async connect(): Promise<this> {
    await ensurePartyBrokerAccount(this.names.inbound.replace(/\.inbound$/, ''), this.party);
    this.connection = await amqp.connect(partyAmqpUrl(this.party), { noDelay: true });
    this.connection.on('error', () => undefined);
    this.channel = await this.connection.createConfirmChannel();
    await this.channel.consume(this.names.partyQueue(this.oin), (message) => {
      if (message) {
        this.received.push(JSON.parse(message.content.toString('utf8')) as SkpMessage);
        this.channel?.ack(message);
      }
    });
    return this;
  }

  /** Signs and sends through the hub, as a municipality adapter would. */
  async send<T extends UnsignedMessage>(message: T): Promise<SkpMessage> {
    const signed = signMessage(message, this.party.identity) as SkpMessage;
    await this.publish(this.names.inbound, this.oin, Buffer.from(JSON.stringify(signed)), signed.header);
    return signed;
  }

  /**
   * Puts bytes straight on a party's queue, bypassing the hub's checks (as a broken or hostile hub
   * would): published with the hub's own broker account, the only one allowed to.
   */
  async inject(
    recipientOin: string,
    content: Buffer,
    header: { messageId: string; type: string },
  ): Promise<void> {
    if (!this.hubChannel) {
      this.hubConnection = await amqp.connect(AMQP_URL, { noDelay: true });
      this.hubChannel = await this.hubConnection.createConfirmChannel();
    }
    this.hubChannel.publish(this.names.deliver, recipientOin, content, {
      persistent: true,
      messageId: header.messageId,
      type: header.type,
      contentType: 'application/json',
      userId: HUB_BROKER_USER,
    });
    await this.hubChannel.waitForConfirms();
  }

  async queueDepth(queue: string): Promise<number> {
    const channel = await (this.connection as amqp.ChannelModel).createChannel();
    try {
      return (await channel.checkQueue(queue)).messageCount;
    } finally {
      await channel.close();
    }
  }

  /** Messages on this party's queue that answer `messageId` (receipts and acknowledgements). */
  repliesTo(messageId: string, type?: string): SkpMessage[] {
    return this.received.filter((m) => m.header.inReplyTo === messageId && (!type || m.header.type === type));
  }

  async waitFor(
    what: string,
    find: (message: SkpMessage) => boolean,
    timeoutMs = 30_000,
  ): Promise<SkpMessage> {
    return eventually(() => this.received.find(find), { what, timeoutMs });
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.hubConnection?.close().catch(() => undefined);
  }

  private async publish(
    exchange: string,
    routingKey: string,
    content: Buffer,
    header: { messageId: string; type: string },
  ): Promise<void> {
    const channel = this.channel as amqp.ConfirmChannel;
    channel.publish(exchange, routingKey, content, {
      persistent: true,
      messageId: header.messageId,
      type: header.type,
      contentType: 'application/json',
      userId: this.party.broker?.username,
    });
    await channel.waitForConfirms();
  }
}

export async function connectMunicipality(harness: HubHarness, party: TestParty): Promise<TestMunicipality> {
  return new TestMunicipality(party, amqpNames(harness.prefix)).connect();
}

/** A parsed JSON response body; tests assert on it field by field. */

export type JsonAnswer = any;

export interface CreditorAdapter {
  app: AppProcess;
  party: TestParty;
  token: string;
  database: string;
  api(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: JsonAnswer }>;
}

/** A creditor adapter process of this test network on its own database. */
export async function startCreditorAdapter(
  harness: HubHarness,
  party: TestParty,
  env: Record<string, string> = {},
): Promise<CreditorAdapter> {
  const database = `skp_test_creditor_${freshId()}`;
  harness.databases.push(database);
  const token = `token-${freshId()}`;
  await ensurePartyBrokerAccount(harness.prefix, party);
  const app = await new AppProcess('creditor-adapter', {
    ...harness.baseEnv,
    AMQP_URL: partyAmqpUrl(party, harness.baseEnv.AMQP_URL),
    DATABASE_URL: databaseUrl(database),
    PORT: String(await freePort()),
    PARTY_OIN: party.oin,
    PARTY_CERT: party.certPath,
    PARTY_KEY: party.keyPath,
    CREDITOR_API_TOKEN: token,
    // the demo portal user (editor), created at start-up
    CREDITOR_PORTAL_USERNAME: 'creditor',
    CREDITOR_PORTAL_PASSWORD: 'demo-creditor',
    HUB_OIN: harness.hubParty.oin,
    ...env,
  }).start();
  return {
    app,
    party,
    token,
    database,
    async api(method, path, body, useToken = token) {
      const response = await fetch(`${app.url}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(useToken ? { authorization: `Bearer ${useToken}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
