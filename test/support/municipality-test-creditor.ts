import * as amqp from 'amqplib';
import { signMessage } from '@skp/crypto';
import {
  amqpNames,
  buildHeader,
  decode,
  encode,
  MessageType,
  PauseAcknowledgementBody,
  SkpMessage,
  UnsignedMessage,
} from '@skp/messages';
import { brokerUsernameOf } from '@skp/platform';
import { ensurePartyBrokerAccount } from './broker';
import { partyAmqpUrl, TestParty } from './test-env';

export interface ReceivedMessage {
  raw: Buffer;
  message: SkpMessage;
}

/**
 * A stand-in creditor for municipality-adapter tests: consumes its own queue `<prefix>.party.<OIN>`
 * with plain amqplib, keeps every message with its exact bytes, and answers only when the test says
 * so, signing with its own test certificate and publishing to `<prefix>.inbound` under its OIN.
 */
export class MunicipalityTestCreditor {
  readonly received: ReceivedMessage[] = [];
  private connection?: amqp.ChannelModel;
  private channel?: amqp.ConfirmChannel;
  /** the hub's account (`amqpUrl`), for publishing straight to the deliver exchange only */
  private hubConnection?: amqp.ChannelModel;
  private hubChannel?: amqp.ConfirmChannel;
  private readonly names;

  constructor(
    readonly party: TestParty,
    private readonly prefix: string,
    /** the shared (hub's) account; the creditor itself connects with its own broker account */
    private readonly amqpUrl: string,
  ) {
    this.names = amqpNames(prefix);
  }

  get oin(): string {
    return this.party.oin;
  }

  async start(): Promise<this> {
    await ensurePartyBrokerAccount(this.prefix, this.party);
    this.connection = await amqp.connect(partyAmqpUrl(this.party, this.amqpUrl), { noDelay: true });
    this.connection.on('error', () => undefined);
    this.channel = await this.connection.createConfirmChannel();
    await this.channel.consume(this.names.partyQueue(this.oin), (delivery) => {
      if (!delivery) {
        return;
      }
      this.received.push({ raw: delivery.content, message: decode(delivery.content, 'json') });
      this.channel?.ack(delivery);
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.hubConnection?.close().catch(() => undefined);
  }

  ofType<T extends MessageType>(type: T): Array<ReceivedMessage & { message: SkpMessage<T> }> {
    return this.received.filter((r) => r.message.header.type === type) as Array<
      ReceivedMessage & { message: SkpMessage<T> }
    >;
  }

  kennisgevingFor(
    caseReference: string,
  ): (ReceivedMessage & { message: SkpMessage<'Kennisgeving'> }) | undefined {
    return this.ofType('Kennisgeving').find((r) => r.message.body.caseReference === caseReference);
  }

  /** Signed DELIVERED receipt for a message this creditor received. */
  async confirmDelivery(message: SkpMessage): Promise<string> {
    return this.publish({
      header: buildHeader({
        type: 'DeliveryReceipt',
        sender: this.oin,
        recipient: message.header.sender,
        conversationId: message.header.conversationId,
        inReplyTo: message.header.messageId,
      }),
      body: { status: 'DELIVERED' },
    });
  }

  async answer(kennisgeving: SkpMessage<'Kennisgeving'>, body: PauseAcknowledgementBody): Promise<string> {
    return this.publish({
      header: buildHeader({
        type: 'PauseAcknowledgement',
        sender: this.oin,
        recipient: kennisgeving.header.sender,
        conversationId: kennisgeving.header.messageId,
        inReplyTo: kennisgeving.header.messageId,
      }),
      body,
    });
  }

  /**
   * Signs with `signer` (default: this creditor) and publishes to the inbound exchange with its own
   * account, or straight to `route` as a broken or hostile hub would (with the hub's account, the
   * only one the broker lets write there).
   */
  async publish(
    message: UnsignedMessage,
    options: { signer?: TestParty; route?: { exchange: 'deliver'; routingKey: string } } = {},
  ): Promise<string> {
    const signed = signMessage(message, (options.signer ?? this.party).identity) as SkpMessage;
    const exchange = options.route ? this.names.deliver : this.names.inbound;
    const routingKey = options.route ? options.route.routingKey : this.oin;
    const channel = options.route ? await this.hubPublishChannel() : this.channel;
    if (!channel) {
      throw new Error('test creditor not started');
    }
    const userId = options.route ? brokerUsernameOf(this.amqpUrl) : this.party.broker?.username;
    await new Promise<void>((resolve, reject) =>
      channel.publish(
        exchange,
        routingKey,
        Buffer.from(encode(signed, 'json'), 'utf8'),
        {
          persistent: true,
          messageId: signed.header.messageId,
          type: signed.header.type,
          contentType: 'application/json',
          userId,
        },
        (err: unknown) => (err ? reject(err instanceof Error ? err : new Error('nacked')) : resolve()),
      ),
    );
    return signed.header.messageId;
  }

  private async hubPublishChannel(): Promise<amqp.ConfirmChannel> {
    if (!this.hubChannel) {
      this.hubConnection = await amqp.connect(this.amqpUrl, { noDelay: true });
      this.hubChannel = await this.hubConnection.createConfirmChannel();
    }
    return this.hubChannel;
  }
}
