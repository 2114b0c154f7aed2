import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The hub's own Prometheus series; queue depth and outbox backlog are read when scraped. */
@Injectable()
export class HubMetrics {
  readonly messages: Counter<'type' | 'outcome'>;
  readonly rejections: Counter<'reason'>;
  /** alert on any increase: a routed message found no recipient queue */
  readonly unroutable: Counter;
  readonly routingSeconds: Histogram;
  readonly batchSize: Histogram;
  readonly outboxBacklog: Gauge;
  readonly queueDepth: Gauge<'queue'>;
  /** set by MetricsCollector: the readings behind the two gauges above */
  backlogSource?: () => Promise<number>;
  queueDepthSource?: () => Promise<Map<string, number>>;

  constructor(registry: Registry) {
    this.messages = new Counter({
      name: 'skp_hub_messages_total',
      help: 'Inbound messages by type and outcome (routed, rejected, duplicate, dead_lettered)',
      labelNames: ['type', 'outcome'],
      registers: [registry],
    });
    this.rejections = new Counter({
      name: 'skp_hub_rejections_total',
      help: 'Rejected or dead-lettered messages by reason code',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.unroutable = new Counter({
      name: 'skp_hub_unroutable_total',
      help: 'Messages published to a recipient whose queue did not exist (recorded as NO_ROUTE dead letters)',
      registers: [registry],
    });
    this.routingSeconds = new Histogram({
      name: 'skp_hub_routing_seconds',
      help: 'Time from taking a message off the inbound queue to committing its routing decision',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'skp_hub_batch_size',
      help: 'Messages committed together in one transaction',
      buckets: [1, 2, 5, 10, 25, 50, 100, 200],
      registers: [registry],
    });
    const readBacklog = async (): Promise<number> => (await this.backlogSource?.()) ?? 0;
    const readDepths = async (): Promise<Map<string, number>> =>
      (await this.queueDepthSource?.()) ?? new Map();
    this.outboxBacklog = new Gauge({
      name: 'skp_hub_outbox_backlog',
      help: 'Committed publishes not yet confirmed by the broker',
      registers: [registry],
      async collect() {
        this.set(await readBacklog());
      },
    });
    this.queueDepth = new Gauge({
      name: 'skp_hub_queue_depth',
      help: 'Messages waiting per queue (hub inbound, dead letters, each party)',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        for (const [queue, depth] of await readDepths()) {
          this.set({ queue }, depth);
        }
      },
    });
  }
}
