import { Module } from '@nestjs/common';
import { TopologyService } from './topology.service';

/** The broker topology of DESIGN §5: exchanges, the hub's queues and each party's queue. */
@Module({
  providers: [TopologyService],
  exports: [TopologyService],
})
export class TopologyModule {}
