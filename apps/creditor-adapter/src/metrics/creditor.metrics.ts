import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';

/** The creditor adapter's own Prometheus series (beside the default process metrics). */
@Injectable()
export class CreditorMetrics {
  readonly messagesReceived: Counter<'type'>;
  readonly acknowledgementsSent: Counter<'decision' | 'mode'>;
  readonly collectiveAnswersSent: Counter<'type' | 'mode'>;
  readonly lookups: Counter<'key' | 'outcome'>;
  readonly webhookFailures: Counter;
  readonly webhookDeliveries: Counter;
  readonly webhookBacklog: Gauge;
  /** set by the webhook dispatcher: the reading behind the backlog gauge */
  backlogSource?: () => Promise<number>;

  constructor(registry: Registry) {
    this.messagesReceived = new Counter({
      name: 'skp_creditor_messages_received_total',
      help: 'Verified messages stored in the inbox, by type (duplicates not counted)',
      labelNames: ['type'],
      registers: [registry],
    });
    this.acknowledgementsSent = new Counter({
      name: 'skp_creditor_acknowledgements_sent_total',
      help: 'PauseAcknowledgements sent, by decision and mode (auto, manual)',
      labelNames: ['decision', 'mode'],
      registers: [registry],
    });
    this.collectiveAnswersSent = new Counter({
      name: 'skp_creditor_collective_answers_sent_total',
      help: 'BalanceStatements and ProposalResponses sent, by type and mode (auto, manual)',
      labelNames: ['type', 'mode'],
      registers: [registry],
    });
    this.lookups = new Counter({
      name: 'skp_creditor_pause_lookups_total',
      help: 'Pause register lookups by key (bsn, customerNumber, person) and outcome (paused, not_paused, refused)',
      labelNames: ['key', 'outcome'],
      registers: [registry],
    });
    this.webhookFailures = new Counter({
      name: 'skp_creditor_webhook_failures_total',
      help: 'Failed attempts to forward a message to the collection system webhook',
      registers: [registry],
    });
    this.webhookDeliveries = new Counter({
      name: 'skp_creditor_webhook_deliveries_total',
      help: 'Messages forwarded to the collection system webhook',
      registers: [registry],
    });
    const readBacklog = async (): Promise<number> => (await this.backlogSource?.().catch(() => 0)) ?? 0;
    this.webhookBacklog = new Gauge({
      name: 'skp_creditor_webhook_backlog',
      help: 'Messages waiting to be forwarded to the webhook',
      registers: [registry],
      async collect() {
        this.set(await readBacklog());
      },
    });
  }
}
