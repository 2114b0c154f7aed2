import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AmqpNames } from '@skp/messages';
import { OutboxRelay, OutgoingMessage } from '@skp/platform';
import { DeadLetterRecordRepository } from '../delivery-record/dead-letter-record.repository';
import { DeliveryRecordRepository } from '../delivery-record/delivery-record.repository';
import { HUB_AMQP_NAMES } from '../hub.tokens';
import { REINJECTED_ROUTING_KEY, REINJECTED_USER_ID } from '../inbound/reinjection';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { DeadLetterMetaRow, DeadLetterQueryRepository } from './dead-letter-query.repository';
import { RedeliveryRepository, StoredDeadLetter } from './redelivery.repository';
import { notInRecord } from './not-in-record';

export interface DeadLetterPreview {
  id: string;
  messageId: string | null;
  type: string | null;
  queue: string | null;
  reasonCode: string;
  redeliverable: boolean;
  problem: string | null;
}

/**
 * Operator redeliveries. A message is re-published unchanged, with its own messageId, to the
 * recipient's queue through the outbox (the recipient's adapter deduplicates by messageId); a dead
 * letter from a party queue goes back to that queue; one from the hub's inbound queue goes back
 * into it and through every check again, as its first publisher sent it. Each leaves a
 * REDELIVERED event and an audit entry.
 */
@Injectable()
export class RedeliveryService {
  constructor(
    private readonly store: RedeliveryRepository,
    private readonly deadLetters: DeadLetterQueryRepository,
    private readonly record: DeliveryRecordRepository,
    private readonly deadLetterRecord: DeadLetterRecordRepository,
    private readonly relay: OutboxRelay,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
  ) {}

  async redeliverMessage(messageId: string, by: AuthenticatedOperator) {
    const message = await this.store.findMessage(messageId);
    if (!message) {
      throw notInRecord(messageId);
    }
    if (message.state === 'REJECTED' || !message.recipient) {
      throw new ConflictException({
        statusCode: 409,
        message: `message ${messageId} was rejected; a rejected message is never delivered`,
      });
    }
    if (message.raw === null) {
      throw new ConflictException({
        statusCode: 409,
        message: `the body of message ${messageId} was purged after the retention period`,
      });
    }
    const queue = this.names.partyQueue(message.recipient);
    const at = new Date();
    const publish: OutgoingMessage = {
      exchange: this.names.deliver,
      routingKey: message.recipient,
      content: Buffer.from(message.raw, 'utf8'),
      options: {
        persistent: true,
        messageId: message.messageId,
        type: message.type,
        contentType: message.contentType,
      },
    };
    await this.record.recordRedelivery(
      messageId,
      { publish, at, by: by.username, detail: { queue, requestedBy: 'operator' } },
      {
        operator: by.username,
        action: 'messages.redeliver',
        target: messageId,
        detail: { queue },
      },
    );
    this.relay.notify();
    return { messageId, recipient: message.recipient, queue, redeliveredAt: at.toISOString() };
  }

  async redeliverDeadLetter(id: string, by: AuthenticatedOperator) {
    const deadLetter = await this.store.findDeadLetter(id);
    if (!deadLetter) {
      throw new NotFoundException({ statusCode: 404, message: `dead letter ${id} does not exist` });
    }
    const problem = this.problemOf(deadLetter);
    if (problem) {
      throw new ConflictException({ statusCode: 409, message: `dead letter ${id}: ${problem}` });
    }
    const at = new Date();
    const options = {
      persistent: true,
      contentType: deadLetter.contentType ?? 'application/json',
      ...(deadLetter.messageId ? { messageId: deadLetter.messageId } : {}),
      ...(deadLetter.type ? { type: deadLetter.type } : {}),
    };
    const oin = this.partyOf(deadLetter.queue);
    const publish: OutgoingMessage = oin
      ? { exchange: this.names.deliver, routingKey: oin, content: deadLetter.content as Buffer, options }
      : {
          // back into the hub's inbound queue, through every check again, as its first publisher sent it
          exchange: '',
          routingKey: this.names.hubInbound,
          content: deadLetter.content as Buffer,
          options: {
            ...options,
            headers: {
              [REINJECTED_ROUTING_KEY]: deadLetter.routingKey,
              ...(deadLetter.publisherUserId ? { [REINJECTED_USER_ID]: deadLetter.publisherUserId } : {}),
            },
          },
        };
    const done = await this.deadLetterRecord.recordRedelivery(
      { id: deadLetter.id, message_id: deadLetter.messageId },
      { publish, at, by: by.username, detail: { deadLetterId: id, queue: deadLetter.queue } },
      {
        operator: by.username,
        action: 'dead-letters.redeliver',
        target: id,
        detail: { messageId: deadLetter.messageId, queue: deadLetter.queue },
      },
    );
    if (!done) {
      throw new ConflictException({ statusCode: 409, message: `dead letter ${id} was redelivered already` });
    }
    this.relay.notify();
    return { id, messageId: deadLetter.messageId, queue: deadLetter.queue, redeliveredAt: at.toISOString() };
  }

  async preview(ids: string[]): Promise<DeadLetterPreview[]> {
    const found = new Map((await this.deadLetters.findMany(ids)).map((d) => [d.id, d]));
    return ids.map((id) => {
      const d = found.get(id);
      if (!d) {
        return {
          id,
          messageId: null,
          type: null,
          queue: null,
          reasonCode: 'UNKNOWN',
          redeliverable: false,
          problem: 'no such dead letter',
        };
      }
      const problem = this.problemOf({
        queue: d.queue,
        routingKey: d.routing_key,
        content: d.has_content ? Buffer.alloc(0) : null,
        redeliveredAt: d.redelivered_at,
      });
      return {
        id,
        messageId: d.message_id,
        type: d.type,
        queue: d.queue,
        reasonCode: d.reason_code,
        redeliverable: problem === null,
        problem,
      };
    });
  }

  async redeliverMany(ids: string[], dryRun: boolean, by: AuthenticatedOperator) {
    const preview = await this.preview(ids);
    if (dryRun) {
      return { dryRun: true, items: preview };
    }
    const items = [];
    for (const item of preview) {
      if (!item.redeliverable) {
        items.push({ ...item, outcome: 'skipped' as const });
        continue;
      }
      try {
        await this.redeliverDeadLetter(item.id, by);
        items.push({ ...item, outcome: 'redelivered' as const });
      } catch (error) {
        items.push({
          ...item,
          redeliverable: false,
          problem: (error as Error).message,
          outcome: 'skipped' as const,
        });
      }
    }
    return { dryRun: false, items };
  }

  /** The party a dead letter's queue belongs to, or null when it died in a hub queue. */
  partyOf(queue: string | null): string | null {
    const prefix = this.names.partyQueue('');
    return queue && queue.startsWith(prefix) && /^\d{20}$/.test(queue.slice(prefix.length))
      ? queue.slice(prefix.length)
      : null;
  }

  private problemOf(
    d: Pick<StoredDeadLetter, 'queue' | 'routingKey' | 'content' | 'redeliveredAt'>,
  ): string | null {
    const reinjectable = d.queue === this.names.hubInbound && /^\d{20}$/.test(d.routingKey ?? '');
    if (!this.partyOf(d.queue) && !reinjectable) {
      return 'only a dead letter from a party queue or from the hub inbound queue can be redelivered';
    }
    if (d.content === null) {
      return 'its content was not kept';
    }
    if (d.redeliveredAt) {
      return `redelivered already at ${d.redeliveredAt.toISOString()}`;
    }
    return null;
  }
}

export function toDeadLetterView(d: DeadLetterMetaRow, party: string | null) {
  return {
    id: d.id,
    at: d.at.toISOString(),
    messageId: d.message_id,
    type: d.type,
    reasonCode: d.reason_code,
    reason: d.reason,
    queue: d.queue,
    routingKey: d.routing_key,
    party,
    redeliveredAt: d.redelivered_at?.toISOString() ?? null,
    hasContent: d.has_content,
  };
}
