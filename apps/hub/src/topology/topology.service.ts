import { Injectable } from '@nestjs/common';
import type { Channel } from 'amqplib';
import { AmqpNames } from '@skp/messages';
import { AmqpClient, declarePartyQueue, workQueueArguments } from '@skp/platform';
import { HUB_AMQP_NAMES } from '../hub.tokens';
import { Inject } from '@nestjs/common';

/**
 * The broker topology of DESIGN §5. `skp.inbound` has an alternate exchange so a message from a
 * sender without a binding (unknown, or registered a moment ago on another hub) still reaches the
 * hub and is answered, instead of being dropped as unroutable.
 */
@Injectable()
export class TopologyService {
  constructor(
    private readonly amqp: AmqpClient,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
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
    await channel.assertExchange(n.deliver, 'direct', { durable: true });
    await channel.assertQueue(n.hubInbound, { durable: true, arguments: workQueueArguments(n) });
    await channel.bindQueue(n.hubInbound, this.unroutedExchange, '');
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
