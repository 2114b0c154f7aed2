import { Module } from '@nestjs/common';
import { PartiesModule } from '../parties/parties.module';
import { TopologyModule } from '../topology/topology.module';
import { HubMetrics } from './hub.metrics';
import { MetricsCollector } from './metrics-collector';

/** The hub's Prometheus series (served by the platform's /metrics). */
@Module({
  imports: [PartiesModule, TopologyModule],
  providers: [HubMetrics, MetricsCollector],
  exports: [HubMetrics],
})
export class MetricsModule {}
