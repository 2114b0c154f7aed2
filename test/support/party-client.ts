import * as amqp from 'amqplib';
import type { ChannelModel, ConfirmChannel, Channel } from 'amqplib';
import { signMessage } from '@skp/crypto';
import { amqpNames, decode, encode, MessageType, SkpMessage, UnsignedMessage } from '@skp/messages';
import { brokerUsernameOf } from '@skp/platform';
import { ensurePartyBrokerAccount } from './broker';
import { AMQP_URL, partyAmqpUrl, TestParty } from './test-env';
import { eventually } from './eventually';

export interface Received {
  messageId: string | undefined;
  type: string | undefined;
  raw: Buffer;
  message?: SkpMessage;
}

export interface PublishOptions {
  routingKey?: string;
  messageId?: string;
  type?: string;
  contentType?: string;
  /** AMQP user_id; default the connection's own account, `null` sends none */
  userId?: string | null;
}

export interface ConnectOptions {
  consume?: boolean;
  /**
   * `own` (default): the party's own broker account, from its registration (or made for a party
   * the hub does not know); `shared`: the test broker's shared account (AMQP_URL), no user_id.
   */
  account?: 'own' | 'shared';
}

/**
 * A party speaking AMQP directly, the way a party's own software would: publishes signed messages
 * to `<prefix>.inbound` under its OIN and reads everything from its own queue.
 */
export class PartyClient {
  readonly received: Received[] = [];
  private connection?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private consumeChannel?: Channel;
  /** the account this client is connected with; null for the shared account */
  username: string | null = null;
  /** set when the broker closed the connection (e.g. credentials replaced, party suspended) */
  closedByBroker?: Error;
  private closing = false;

  constructor(
    readonly party: TestParty,
    readonly prefix: string,
  ) {}

  get oin(): string {
    return this.party.oin;
  }

  async connect({ consume = true, account = 'own' }: ConnectOptions = {}): Promise<this> {
    const url =
      account === 'own'
        ? partyAmqpUrl({ ...this.party, broker: await ensurePartyBrokerAccount(this.prefix, this.party) })
        : AMQP_URL;
    this.connection = await amqp.connect(url, { noDelay: true });
    this.username = account === 'own' ? brokerUsernameOf(url) : null;
    // A forced close (credentials replaced, party suspended) emits 'close', not always 'error'.
    this.connection.on('error', () => undefined);
    this.connection.on('close', (err?: Error) => {
      if (!this.closing) {
        this.closedByBroker = err ?? new Error('connection closed by the broker');
      }
    });
    this.publishChannel = await this.connection.createConfirmChannel();
    this.publishChannel.on('error', () => undefined); // a refused publish rejects its own promise
    if (consume) {
      const names = amqpNames(this.prefix);
      this.consumeChannel = await this.connection.createChannel();
      this.consumeChannel.on('error', () => undefined);
      await this.consumeChannel.prefetch(500);
      await this.consumeChannel.consume(names.partyQueue(this.oin), (msg) => {
        if (!msg) {
          return;
        }
        let message: SkpMessage | undefined;
        try {
          message = decode(msg.content);
        } catch {
          message = undefined;
        }
        this.received.push({
          messageId: msg.properties.messageId,
          type: msg.properties.type,
          raw: msg.content,
          message,
        });
        this.consumeChannel?.ack(msg);
      });
    }
    return this;
  }

  sign<T extends MessageType>(unsigned: UnsignedMessage<T>): SkpMessage<T> {
    return signMessage(unsigned, this.party.identity);
  }

  /** Signs and publishes; resolves when the broker confirmed. */
  async send<T extends MessageType>(
    unsigned: UnsignedMessage<T>,
    options: PublishOptions = {},
  ): Promise<SkpMessage<T>> {
    const signed = this.sign(unsigned);
    await this.publishSigned(signed as SkpMessage, options);
    return signed;
  }

  async publishSigned(signed: SkpMessage, options: PublishOptions = {}): Promise<void> {
    await this.publishRaw(Buffer.from(encode(signed, 'json')), {
      messageId: signed.header.messageId,
      type: signed.header.type,
      ...options,
    });
  }

  async publishRaw(content: Buffer, options: PublishOptions = {}): Promise<void> {
    const channel = this.publishChannel!;
    const userId = options.userId === undefined ? this.username : options.userId;
    await new Promise<void>((resolve, reject) =>
      channel.publish(
        amqpNames(this.prefix).inbound,
        options.routingKey ?? this.oin,
        content,
        {
          persistent: true,
          contentType: options.contentType ?? 'application/json',
          ...(options.messageId ? { messageId: options.messageId } : {}),
          ...(options.type ? { type: options.type } : {}),
          ...(userId ? { userId } : {}),
        },
        (err: unknown) =>
          err ? reject(err instanceof Error ? err : new Error('broker refused the message')) : resolve(),
      ),
    );
  }

  /** Messages received that are about (inReplyTo) or are the given messageId. */
  about(messageId: string): Received[] {
    return this.received.filter(
      (r) => r.messageId === messageId || r.message?.header.inReplyTo === messageId,
    );
  }

  receiptsFor(messageId: string): SkpMessage<'DeliveryReceipt'>[] {
    return this.received
      .map((r) => r.message)
      .filter(
        (m): m is SkpMessage<'DeliveryReceipt'> =>
          m?.header.type === 'DeliveryReceipt' && m.header.inReplyTo === messageId,
      );
  }

  async waitForReceipt(
    messageId: string,
    status: 'ACCEPTED' | 'REJECTED' | 'DELIVERED',
  ): Promise<SkpMessage<'DeliveryReceipt'>> {
    return eventually(() => this.receiptsFor(messageId).find((m) => m.body.status === status), {
      what: `${status} receipt for ${messageId} at ${this.party.slug}`,
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.connection?.close().catch(() => undefined);
  }
}
