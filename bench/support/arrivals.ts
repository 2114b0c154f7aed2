import * as amqp from 'amqplib';
import { amqpNames } from '@skp/messages';
import { ensurePartyBrokerAccount } from '../../test/support/broker';
import { partyAmqpUrl, TestParty } from '../../test/support/test-env';
import { now } from './report';

/**
 * A party's software reduced to what a benchmark needs: consumes the party's own queue with its own
 * broker account and manual acks, and notes when each message arrived. It does not decode or
 * verify (that would take CPU from the hub on a shared machine), except to read a receipt's status.
 */
export class Arrivals {
  /** messageId → arrival time (hrtime ns) of every non-receipt message */
  readonly delivered = new Map<string, bigint>();
  /** messageId of the message each ACCEPTED receipt answers */
  readonly accepted = new Set<string>();
  /** messageId of the message each REJECTED receipt answers */
  readonly rejected = new Set<string>();
  /** bytes of the last receipt taken (the size the broker carries per receipt) */
  receiptBytes = 0;
  private connection?: amqp.ChannelModel;

  constructor(
    readonly party: TestParty,
    private readonly prefix: string,
  ) {}

  async start(): Promise<this> {
    const url = partyAmqpUrl({
      ...this.party,
      broker: await ensurePartyBrokerAccount(this.prefix, this.party),
    });
    this.connection = await amqp.connect(url, { noDelay: true });
    this.connection.on('error', () => undefined);
    const channel = await this.connection.createChannel();
    await channel.prefetch(500);
    await channel.consume(amqpNames(this.prefix).partyQueue(this.party.oin), (msg) => {
      if (!msg) {
        return;
      }
      const at = now();
      if (msg.properties.type === 'DeliveryReceipt') {
        this.noteReceipt(msg.content);
      } else if (msg.properties.messageId) {
        this.delivered.set(msg.properties.messageId, at);
      }
      channel.ack(msg);
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
  }

  private noteReceipt(content: Buffer): void {
    this.receiptBytes = content.length;
    const receipt = JSON.parse(content.toString('utf8')) as {
      header: { inReplyTo?: string };
      body: { status?: string };
    };
    const about = receipt.header.inReplyTo;
    if (about && receipt.body.status === 'ACCEPTED') {
      this.accepted.add(about);
    } else if (about && receipt.body.status === 'REJECTED') {
      this.rejected.add(about);
    }
  }
}
