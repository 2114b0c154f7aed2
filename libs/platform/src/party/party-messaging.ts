import { signMessage, SigningIdentity, TrustStore, verifyMessage } from '@skp/crypto';
import {
  AmqpNames,
  buildHeader,
  decode,
  encode,
  MessageDecodeError,
  SkpMessage,
  UnsignedMessage,
} from '@skp/messages';
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { AmqpClient, Delivery } from '../amqp/amqp-client';
import { declarePartyQueue } from '../amqp/topology';
import { enqueueOutbox } from '../outbox/outbox';
import type { DatabaseGate } from '../resilience/database-gate';
import type { OutboxRelay } from '../outbox/outbox';

/** DDL for the table an adapter uses to recognise a message it stored already. */
export const RECEIVED_MESSAGE_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "received_message" (
  "message_id" uuid PRIMARY KEY,
  "type" text NOT NULL,
  "sender" text NOT NULL,
  "received_at" timestamptz NOT NULL DEFAULT now()
)`;

/** Called inside the transaction that stores a verified message; throw to have it redelivered. */
export type InboxHandler = (manager: EntityManager, message: SkpMessage) => Promise<void>;

export interface PartyMessagingDeps {
  amqp: AmqpClient;
  dataSource: DataSource;
  /** waits out database outages so they do not spend the queue's delivery limit */
  gate: DatabaseGate;
  relay: OutboxRelay;
  trust: TrustStore;
  identity: SigningIdentity;
  names: AmqpNames;
  logger: Logger;
}

/**
 * A party's side of the exchange, shared by both adapters. Outgoing: sign and publish through the
 * outbox to `skp.inbound` under the party's own OIN. Incoming: verify, store once, answer with a
 * DELIVERED receipt signed by this party, and acknowledge the broker only after the commit.
 */
export class PartyMessaging {
  constructor(private readonly deps: PartyMessagingDeps) {}

  get oin(): string {
    return this.deps.identity.oin;
  }

  /** Signs and adds the message to the caller's transaction; it is published after commit. */
  async send<T extends UnsignedMessage>(manager: EntityManager, message: T): Promise<SkpMessage> {
    const signed = signMessage(message, this.deps.identity) as SkpMessage;
    await enqueueOutbox(manager, [
      {
        exchange: this.deps.names.inbound,
        routingKey: this.deps.identity.oin,
        content: Buffer.from(encode(signed, 'json'), 'utf8'),
        options: {
          persistent: true,
          messageId: signed.header.messageId,
          type: signed.header.type,
          contentType: 'application/json',
        },
      },
    ]);
    return signed;
  }

  /** Wakes the outbox relay after a commit so the publish does not wait for its poll. */
  published(): void {
    this.deps.relay.notify();
  }

  /** Declares this party's queue (idempotent, same arguments as the hub) and starts consuming. */
  async receive(handler: InboxHandler, prefetch = 50): Promise<void> {
    const { amqp, names, identity } = this.deps;
    await amqp.declare((channel) => declarePartyQueue(channel, names, identity.oin));
    await amqp.consume({
      queue: names.partyQueue(identity.oin),
      prefetch,
      onDelivery: (delivery) => void this.take(delivery, handler),
    });
  }

  private async take(delivery: Delivery, handler: InboxHandler): Promise<void> {
    const { logger } = this.deps;
    const properties = delivery.message.properties;
    let message: SkpMessage;
    try {
      message = decode(delivery.message.content, /xml/i.test(properties.contentType ?? '') ? 'xml' : 'json');
    } catch (error) {
      const code = error instanceof MessageDecodeError ? error.code : 'MALFORMED';
      logger.warn(
        { messageId: properties.messageId, reasonCode: code },
        'refused unreadable message from own queue',
      );
      return this.refuse(delivery);
    }
    const log = logger.child({
      messageId: message.header.messageId,
      conversationId: message.header.conversationId,
    });
    const verdict = verifyMessage(message, this.deps.trust);
    if (!verdict.ok) {
      log.warn(
        { reasonCode: verdict.code, reason: verdict.reason },
        'refused message with an invalid signature',
      );
      return this.refuse(delivery);
    }
    if (message.header.recipient !== this.oin) {
      log.warn({ reasonCode: 'UNKNOWN_RECIPIENT' }, 'refused message addressed to another party');
      return this.refuse(delivery);
    }
    try {
      // An outage holds the delivery here (unacknowledged) until the database is back.
      const stored = await this.deps.gate.run(() => this.store(message, handler));
      if (stored) {
        this.published();
      } else {
        log.debug('duplicate delivery ignored');
      }
      delivery.ack();
    } catch (error) {
      log.error({ err: (error as Error).message }, 'could not store message; it goes back to the queue');
      delivery.requeue();
    }
  }

  /** Stores a verified message once, with its DELIVERED receipt; false when it was stored before. */
  private store(message: SkpMessage, handler: InboxHandler): Promise<boolean> {
    return this.deps.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO "received_message" ("message_id", "type", "sender") VALUES ($1, $2, $3)
           ON CONFLICT ("message_id") DO NOTHING RETURNING "message_id"`,
        [message.header.messageId, message.header.type, message.header.sender],
      );
      if (inserted.length === 0) {
        return false; // stored before: the broker redelivered it, nothing more to do
      }
      // The receipt goes first, so it leaves before anything the handler sends in reply.
      if (message.header.type !== 'DeliveryReceipt') {
        await this.send(manager, this.deliveredReceipt(message));
      }
      await handler(manager, message);
      return true;
    });
  }

  /** Proof of receipt: made once the message is stored, in the same transaction. */
  private deliveredReceipt(message: SkpMessage): UnsignedMessage<'DeliveryReceipt'> {
    return {
      header: buildHeader({
        type: 'DeliveryReceipt',
        sender: this.oin,
        recipient: message.header.sender,
        conversationId: message.header.conversationId,
        inReplyTo: message.header.messageId,
      }),
      body: { status: 'DELIVERED' },
    };
  }

  /** Not for us or not genuine: straight to the dead-letter exchange, where the hub records it. */
  private refuse(delivery: Delivery): void {
    delivery.reject();
  }
}
