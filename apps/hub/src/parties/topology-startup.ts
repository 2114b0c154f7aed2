import { Injectable, OnModuleInit } from '@nestjs/common';
import { TopologyService } from '../topology/topology.service';
import { PartiesService } from './parties.service';

/** Declares the broker topology and every registered party's queue before consumers start. */
@Injectable()
export class TopologyStartup implements OnModuleInit {
  constructor(
    private readonly topology: TopologyService,
    private readonly parties: PartiesService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.topology.declareCore();
    await this.parties.declareAllQueues();
  }
}
