import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { AmqpNames } from '@skp/messages';
import { OutboxRelay } from '@skp/platform';
import { HUB_AMQP_NAMES } from '../hub.tokens';
import { PartiesService } from '../parties/parties.service';
import { TopologyService } from '../topology/topology.service';
import { HubMetrics } from './hub.metrics';

/** Reads the gauges that describe the present (backlog, queue depths) at scrape time. */
@Injectable()
export class MetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: HubMetrics,
    private readonly relay: OutboxRelay,
    private readonly topology: TopologyService,
    private readonly parties: PartiesService,
    @Inject(HUB_AMQP_NAMES) private readonly names: AmqpNames,
  ) {}

  onModuleInit(): void {
    this.metrics.backlogSource = () => this.relay.backlog().catch(() => 0);
    this.metrics.queueDepthSource = async () => {
      const names = this.names;
      const oins = [...(await this.parties.registrySnapshot()).keys()];
      const depths = new Map<string, number>();
      for (const queue of [names.hubInbound, names.dead, ...oins.map((oin) => names.partyQueue(oin))]) {
        const depth = await this.topology.queueDepth(queue);
        if (depth !== null) {
          depths.set(queue, depth);
        }
      }
      return depths;
    };
  }
}
