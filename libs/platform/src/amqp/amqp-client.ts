import * as amqp from 'amqplib';
import { corkFrameWrites } from './corked-writes';
import type {
  Channel,
  ChannelModel,
  ConfirmChannel,
  ConsumeMessage,
  Options,
  RecoveringChannelModel,
} from 'amqplib';
import type { Logger } from 'pino';
import { brokerUsernameOf } from './broker-management';

export interface OutgoingMessage {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish;
}

/** Settles one delivery on the channel that delivered it. */
export interface Delivery {
  message: ConsumeMessage;
  ack(): void;
  /** Put back on the queue (counts toward the quorum queue's delivery limit). */
  requeue(): void;
  /** Refuse for good: the queue dead-letters it. */
  reject(): void;
}

export interface ConsumerSpec {
  queue: string;
  prefetch: number;
  onDelivery(delivery: Delivery): void;
}

/**
 * One broker connection per process with automatic recovery. Publishing always goes through a
 * confirm channel and resolves only when the broker has taken responsibility for the message;
 * consumers are registered once and re-attached after every reconnect.
 */
export class AmqpClient {
  private model?: RecoveringChannelModel;
  /** the live connection under the recovering wrapper; replaced on every reconnect */
  private current?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private readonly consumers: ConsumerSpec[] = [];
  private readonly consumerChannels: Channel[] = [];
  private readonly topology: ((channel: Channel) => Promise<void>)[] = [];
  private connected = false;
  private closing = false;
  private readonly problems = new Map<string, string>();
  /** the account this process logs in with; every publish carries it as `user_id` (DESIGN §5) */
  readonly username: string;

  /** Called with a mandatory message the broker could not route (it still confirms it). */
  onReturned?: (message: ConsumeMessage) => void;

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {
    this.username = brokerUsernameOf(url);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** Broker-side trouble that is not a lost connection (e.g. the own queue is missing); shown by /health. */
  setProblem(key: string, problem: string | undefined): void {
    if (problem) {
      this.problems.set(key, problem);
    } else {
      this.problems.delete(key);
    }
  }

  get currentProblems(): string[] {
    return [...this.problems.values()];
  }

  /** Topology set-up run now (when connected) and again after each reconnect. */
  async declare(setup: (channel: Channel) => Promise<void>): Promise<void> {
    this.topology.push(setup);
    if (this.current && this.connected) {
      await this.withChannel(setup);
    }
  }

  async start(): Promise<void> {
    this.model = await amqp.connect(this.url, {
      // Without it Nagle's algorithm holds each small frame for the broker's delayed ack: about 20 ms
      // per hop at a steady rate (docs/decisions/0009).
      noDelay: true,
      recovery: {
        initialDelay: 200,
        maxDelay: 5000,
        initialMaxRetries: 25,
        setup: async (model: ChannelModel) => {
          this.current = model;
          corkFrameWrites(model);
          await this.attach();
        },
      },
    });
    this.model.on('disconnect', (err: Error) => {
      this.connected = false;
      this.publishChannel = undefined;
      if (!this.closing) {
        this.logger.warn({ err: err.message }, 'broker connection lost; reconnecting');
      }
    });
    this.model.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'broker connection error'));
  }

  private async attach(): Promise<void> {
    const model = this.current;
    if (!model) {
      return;
    }
    for (const setup of this.topology) {
      await this.withChannel(setup);
    }
    await this.openPublishChannel(model);
    this.consumerChannels.length = 0;
    for (const spec of this.consumers) {
      // a queue that cannot be consumed now closes its channel, which retries it: keep the others
      await this.attachConsumer(spec, model).catch((err: Error) =>
        this.logger.warn({ err: err.message, queue: spec.queue }, 'could not consume; retrying'),
      );
    }
    this.connected = true;
    this.logger.info('broker connected');
  }

  /** The confirm channel publishes go through; reopened by itself if the broker closes it alone. */
  private async openPublishChannel(model: ChannelModel): Promise<void> {
    const channel = await model.createConfirmChannel();
    channel.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'publish channel error'));
    channel.on('return', (message: ConsumeMessage) => {
      this.logger.error(
        {
          exchange: message.fields.exchange,
          routingKey: message.fields.routingKey,
          messageId: message.properties.messageId,
        },
        'broker returned an unroutable message',
      );
      this.onReturned?.(message);
    });
    channel.on('close', () => {
      if (this.publishChannel === channel) {
        this.publishChannel = undefined;
      }
      this.whileConnected(model, () => this.openPublishChannel(model), 'publish channel');
    });
    this.publishChannel = channel;
  }

  /**
   * Consumes one queue on its own channel. When the broker closes that channel or cancels the
   * consumer (queue deleted, access refused) while the connection lives, it is attached again
   * after a pause, so a consumer never silently stops.
   */
  private async attachConsumer(spec: ConsumerSpec, model: ChannelModel): Promise<void> {
    const channel = await model.createChannel();
    let reattached = false;
    const reattach = (why: string): void => {
      if (reattached || !this.consumers.includes(spec)) {
        return;
      }
      reattached = true;
      this.logger.warn({ queue: spec.queue, why }, 'consumer stopped by the broker; attaching it again');
      this.whileConnected(model, () => this.attachConsumer(spec, model), `consumer of ${spec.queue}`);
    };
    channel.on('error', (err: Error) =>
      this.logger.warn({ err: err.message, queue: spec.queue }, 'consumer channel error'),
    );
    channel.on('close', () => reattach('channel closed'));
    await channel.prefetch(spec.prefetch);
    this.consumerChannels.push(channel);
    await channel.consume(spec.queue, (message) => {
      if (!message) {
        reattach('consumer cancelled');
        void channel.close().catch(() => undefined);
        return;
      }
      spec.onDelivery({
        message,
        ack: () => settle(() => channel.ack(message)),
        requeue: () => settle(() => channel.nack(message, false, true)),
        reject: () => settle(() => channel.nack(message, false, false)),
      });
    });
  }

  /**
   * Retries `open` with capped backoff for as long as `model` is the live connection; a reconnect
   * re-attaches everything anyway, so a dead connection ends the attempts.
   */
  private whileConnected(model: ChannelModel, open: () => Promise<void>, what: string): void {
    let wait = 250;
    const attempt = (): void => {
      if (this.closing || this.current !== model) {
        return;
      }
      if (!this.connected) {
        setTimeout(attempt, wait); // (re)attaching right now: try again when it is done
        return;
      }
      open().catch((err: Error) => {
        if (wait === 250) {
          this.logger.warn({ err: err.message, what }, 'could not reopen; retrying');
        }
        wait = Math.min(wait * 2, 10_000);
        setTimeout(attempt, wait);
      });
    };
    setTimeout(attempt, wait);
  }

  async consume(spec: ConsumerSpec): Promise<void> {
    this.consumers.push(spec);
    if (this.connected && this.current) {
      await this.attachConsumer(spec, this.current);
    }
  }

  /** Stops taking new deliveries (for a graceful shutdown) without closing the connection. */
  async stopConsuming(): Promise<void> {
    this.consumers.length = 0; // before closing, so the closes are not taken for broker trouble
    await Promise.all(this.consumerChannels.map((channel) => channel.close().catch(() => undefined)));
    this.consumerChannels.length = 0;
  }

  async withChannel<T>(work: (channel: Channel) => Promise<T>): Promise<T> {
    if (!this.current) {
      throw new Error('broker client not started');
    }
    const channel = await this.current.createChannel();
    // A failed passive check closes the channel; swallow that so the caller sees only its own error.
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  /**
   * Publishes every message and resolves once the broker confirmed all of them. `user_id` is always
   * this connection's own account: RabbitMQ refuses any other, and the receiving side checks it.
   */
  async publishConfirmed(messages: OutgoingMessage[]): Promise<void> {
    const channel = this.publishChannel;
    if (!channel || !this.connected) {
      throw new Error('broker not connected');
    }
    await Promise.all(
      messages.map(
        (m) =>
          new Promise<void>((resolve, reject) => {
            // mandatory: a message no queue takes comes back (see onReturned) instead of vanishing
            const options = { ...m.options, userId: this.username, mandatory: true };
            channel.publish(m.exchange, m.routingKey, m.content, options, (err: unknown) =>
              err ? reject(err instanceof Error ? err : new Error('broker refused message')) : resolve(),
            );
          }),
      ),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    this.connected = false;
    await this.model?.close().catch(() => undefined);
  }
}

/** A channel that died between delivery and settle will redeliver by itself: nothing to do. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // channel closed; the broker redelivers the unsettled message
  }
}
