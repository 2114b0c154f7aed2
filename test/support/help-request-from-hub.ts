import * as amqp from 'amqplib';
import { signMessage } from '@skp/crypto';
import { amqpNames, encode, SkpMessage } from '@skp/messages';
import { anUnsignedHelpRequest } from '../factories/help-request.factory';
import type { HelpRequestBody } from '@skp/messages';
import type { HubHarness } from './hub-harness';
import { HubDb } from './hub-db';
import { AMQP_URL, HUB_BROKER_USER } from './test-env';

/**
 * A resident's HelpRequest as the hub sends it (DESIGN §11), for the municipality side's tests:
 * signed with the harness's hub identity and put on the municipality's queue with the hub's
 * broker account. The hub's own public page (another part of issue 15) is not used: the hub's
 * record of the request is written here, as that page would, so the hub can admit the answer.
 */
export class HelpRequestsFromHub {
  private connection?: amqp.ChannelModel;
  private channel?: amqp.ConfirmChannel;

  private constructor(
    private readonly harness: HubHarness,
    readonly hubDb: HubDb,
  ) {}

  static async open(harness: HubHarness): Promise<HelpRequestsFromHub> {
    const hubDb = await HubDb.open(harness.hub.env.DATABASE_URL);
    return new HelpRequestsFromHub(harness, hubDb);
  }

  /** Signed by the hub, recorded in the hub's delivery record as sent, not yet on the queue. */
  async prepare(
    municipalityOin: string,
    body: Partial<HelpRequestBody> = {},
  ): Promise<SkpMessage<'HelpRequest'>> {
    const unsigned = anUnsignedHelpRequest({
      sender: this.harness.hubParty.oin,
      recipient: municipalityOin,
      body,
    });
    const signed = signMessage(unsigned, this.harness.hubParty.identity);
    const { header } = signed;
    await this.hubDb.query(
      `INSERT INTO "message" ("message_id", "type", "sender", "recipient", "conversation_id", "header_created_at",
         "state", "content_type", "routed_at", "deadline_at", "conversation_state")
       VALUES ($1, 'HelpRequest', $2, $3, $4, $5, 'ROUTED', 'application/json', now(), now() + interval '3 days', 'REQUESTED')`,
      [header.messageId, header.sender, header.recipient, header.conversationId, header.createdAt],
    );
    return signed;
  }

  /** Puts the signed request on the municipality's queue, as the hub's deliver exchange does. */
  async deliver(signed: SkpMessage<'HelpRequest'>): Promise<void> {
    if (!this.channel) {
      this.connection = await amqp.connect(AMQP_URL, { noDelay: true });
      this.connection.on('error', () => undefined);
      this.channel = await this.connection.createConfirmChannel();
    }
    this.channel.publish(
      amqpNames(this.harness.prefix).deliver,
      signed.header.recipient,
      Buffer.from(encode(signed, 'json'), 'utf8'),
      {
        persistent: true,
        messageId: signed.header.messageId,
        type: signed.header.type,
        contentType: 'application/json',
        userId: HUB_BROKER_USER,
      },
    );
    await this.channel.waitForConfirms();
  }

  async close(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.hubDb.close();
  }
}
