import { Injectable } from '@nestjs/common';
import type { Channel } from 'amqplib';
import { AmqpNames } from '@skp/messages';
import { AmqpClient, declarePartyQueue, InjectLogger, Logger, workQueueArguments } from '@skp/platform';
import { HUB_AMQP_NAMES } from '../hub.tokens';
import { Inject } from '@nestjs/common';

/**
 * The broker topology of DESIGN §5. `skp.inbound` has an alternate exchange so a message from a
 * sender without a binding (unknown, or registered a moment ago on another hub) still reaches the
 * hub and is answered, instead of being dropped as unroutable. `skp.deliver` has one too: a
 * message for a party whose queue is missing lands in `skp.hub.unrouted`, where the hub records it
 * as a NO_ROUTE dead letter (redeliverable once the queue exists) instead of the broker dropping it.
 */
@Injectable()
export class TopologyService {
  constructor(
    private readonly amqp: AmqpClient,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  get unroutedExchange(): string {
    return `${this.names.inbound}.unrouted`;
  }

  async declareCore(): Promise<void> {
    await this.amqp.declare((channel) => this.declareOn(channel));
  }

  private async declareOn(channel: Channel): Promise<void> {
    const n = this.names;
    await channel.assertExchange(n.dlx, 'fanout', { durable: true });
    await channel.assertQueue(n.dead, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(n.dead, n.dlx, '');
    await channel.assertExchange(this.unroutedExchange, 'fanout', { durable: true });
    await channel.assertExchange(n.inbound, 'direct', {
      durable: true,
      alternateExchange: this.unroutedExchange,
    });
    await channel.assertQueue(n.hubInbound, { durable: true, arguments: workQueueArguments(n) });
    await channel.bindQueue(n.hubInbound, this.unroutedExchange, '');
    await channel.assertExchange(n.deliverUnrouted, 'fanout', { durable: true });
    await channel.assertQueue(n.hubUnrouted, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await channel.bindQueue(n.hubUnrouted, n.deliverUnrouted, '');
    await this.ensureDeliverExchange();
  }

  /**
   * Declares `skp.deliver` with its alternate exchange. A broker that still has the exchange from
   * before it had one refuses the new arguments (PRECONDITION_FAILED); the exchange is then made
   * again, and start-up binds every party queue to it afresh (declareAllQueues).
   */
  private async ensureDeliverExchange(): Promise<void> {
    const n = this.names;
    const declare = (): Promise<void> =>
      this.amqp.withChannel(async (channel) => {
        await channel.assertExchange(n.deliver, 'direct', {
          durable: true,
          alternateExchange: n.deliverUnrouted,
        });
      });
    try {
      await declare();
    } catch (error) {
      if (!/PRECONDITION_FAILED/.test((error as Error).message)) {
        throw error;
      }
      this.logger.warn(
        { exchange: n.deliver },
        'replacing the deliver exchange to add its alternate exchange',
      );
      await this.amqp.withChannel((channel) => channel.deleteExchange(n.deliver));
      await declare();
    }
  }

  /** Creates the party's queue and binds both directions for it. */
  async declareParty(oin: string): Promise<void> {
    await this.amqp.withChannel(async (channel) => {
      await declarePartyQueue(channel, this.names, oin);
      await channel.bindQueue(this.names.hubInbound, this.names.inbound, oin);
    });
  }

  /** Messages waiting in a queue, or null when the queue does not exist. */
  async queueDepth(queue: string): Promise<number | null> {
    try {
      return await this.amqp.withChannel(async (channel) => (await channel.checkQueue(queue)).messageCount);
    } catch {
      return null;
    }
  }
}
