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
import { enqueueOutbox } from '../outbox/outbox';
import { InboxBatcher, InboxBatchHandler, recordReceived, VerifiedDelivery } from './inbox-batcher';
import type { DatabaseGate } from '../resilience/database-gate';
import type { OutboxRelay } from '../outbox/outbox';

/** DDL for the table an adapter uses to recognise a message it stored already. */
export const RECEIVED_MESSAGE_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "received_message" (
  "message_id" uuid PRIMARY KEY,
  "type" text NOT NULL,
  "sender" text NOT NULL,
  "received_at" timestamptz NOT NULL DEFAULT now()
)`;

const ENQUEUE_SLICE = 1000;

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
  /** the hub's broker account: the only publisher whose messages this party accepts (DESIGN §5) */
  hubBrokerUser?: string;
  /** how often to look again for the own queue while it does not exist yet */
  queueRetryMs?: number;
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
    const signed = this.sign(message);
    await this.enqueue(manager, [signed]);
    return signed;
  }

  /** Signs a message for `enqueue` (CPU only: bulk senders sign before their statements). */
  sign<T extends UnsignedMessage>(message: T): SkpMessage {
    return signMessage(message, this.deps.identity);
  }

  /** Adds signed messages to the caller's transaction; published after commit. */
  async enqueue(manager: EntityManager, signed: SkpMessage[]): Promise<void> {
    // slices keep a statement well below Postgres' 65,535 parameters (four per row)
    for (let from = 0; from < signed.length; from += ENQUEUE_SLICE) {
      const slice = signed.slice(from, from + ENQUEUE_SLICE);
      await enqueueOutbox(
        manager,
        slice.map((message) => ({
          exchange: this.deps.names.inbound,
          routingKey: this.deps.identity.oin,
          content: Buffer.from(encode(message, 'json'), 'utf8'),
          options: {
            persistent: true,
            messageId: message.header.messageId,
            type: message.header.type,
            contentType: 'application/json',
          },
        })),
      );
    }
  }

  /** Wakes the outbox relay after a commit so the publish does not wait for its poll. */
  published(): void {
    this.deps.relay.notify();
  }

  /** Starts consuming this party's queue: each message stored in its own transaction. */
  async receive(handler: InboxHandler, prefetch = 50): Promise<void> {
    return this.consumeOwnQueue(prefetch, (delivery) => {
      const item = this.verified(delivery);
      if (item) {
        void this.storeOne(item, handler);
      }
    });
  }

  /**
   * `receive` with group commit: the messages that arrive while one batch is written are stored
   * together in the next transaction (at most half the prefetch), and acknowledged after its commit.
   */
  async receiveInBatches(handler: InboxBatchHandler, prefetch = 200): Promise<void> {
    const one: InboxHandler = (manager, message) => handler(manager, [message]);
    const batcher = new InboxBatcher({
      gate: this.deps.gate,
      maxBatch: Math.max(1, Math.floor(prefetch / 2)),
      storeAll: (messages) => this.storeAll(messages, handler),
      storeOne: (item) => this.storeOne(item, one),
      published: () => this.published(),
    });
    return this.consumeOwnQueue(prefetch, (delivery) => {
      const item = this.verified(delivery);
      if (item) {
        batcher.add(item);
      }
    });
  }

  /**
   * The party's broker account may not declare anything (configure `^$`): registration at the hub
   * creates the queue, so this only checks passively. While it is missing, /health says so and the
   * check is repeated until it appears.
   */
  private async consumeOwnQueue(prefetch: number, onDelivery: (delivery: Delivery) => void): Promise<void> {
    const { amqp, names, identity, logger } = this.deps;
    const queue = names.partyQueue(identity.oin);
    const consume = () => amqp.consume({ queue, prefetch, onDelivery });
    if (await this.queueExists(queue)) {
      return consume();
    }
    const problem = `own queue ${queue} does not exist yet: register party ${identity.oin} at the hub`;
    amqp.setProblem('inbox', problem);
    logger.error({ queue }, 'own queue does not exist yet; register this party at the hub (retrying)');
    const retry = (): void => {
      const timer = setTimeout(() => {
        void (async () => {
          if (amqp.isClosing) {
            return;
          }
          if (!(await this.queueExists(queue))) {
            return retry();
          }
          amqp.setProblem('inbox', undefined);
          logger.info({ queue }, 'own queue found; consuming');
          await consume().catch((err: Error) => {
            logger.error({ err: err.message, queue }, 'could not consume own queue');
          });
        })();
      }, this.deps.queueRetryMs ?? 2000);
      timer.unref();
    };
    retry();
  }

  private async queueExists(queue: string): Promise<boolean> {
    try {
      await this.deps.amqp.withChannel((channel) => channel.checkQueue(queue));
      return true;
    } catch {
      return false; // 404 closes the channel; a lost connection is retried just the same
    }
  }

  /** The delivery's message when it passed every check; refused (dead-lettered) otherwise. */
  private verified(delivery: Delivery): VerifiedDelivery | undefined {
    const { logger } = this.deps;
    const properties = delivery.message.properties;
    const hubUser = this.deps.hubBrokerUser ?? 'guest';
    if (properties.userId !== hubUser) {
      // Only the hub's account may write to the deliver exchange; anything else bypassed the hub.
      logger.warn(
        { messageId: properties.messageId, publisher: properties.userId ?? null, reasonCode: 'NOT_FROM_HUB' },
        "refused message not published by the hub's broker account",
      );
      return this.refuse(delivery);
    }
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
    return { message, delivery, log };
  }

  private async storeOne({ message, delivery, log }: VerifiedDelivery, handler: InboxHandler): Promise<void> {
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

  /** `store` for several messages in one transaction: one statement for their ids, one for their receipts. */
  private storeAll(messages: SkpMessage[], handler: InboxBatchHandler): Promise<boolean> {
    return this.deps.dataSource.transaction(async (manager) => {
      const fresh = await recordReceived(manager, messages);
      // The receipts go first, so each leaves before anything the handler sends in reply.
      const answered = fresh.filter((m) => m.header.type !== 'DeliveryReceipt');
      await this.enqueue(
        manager,
        answered.map((m) => this.sign(this.deliveredReceipt(m))),
      );
      if (fresh.length > 0) {
        await handler(manager, fresh);
      }
      return fresh.length > 0;
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
  private refuse(delivery: Delivery): undefined {
    delivery.reject();
    return undefined;
  }
}
