import { Module } from '@nestjs/common';
import { BrokerManagement, brokerVhostOf } from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';
import { TopologyModule } from '../topology/topology.module';
import { BrokerAccountsService } from './broker-accounts.service';
import { DirectoryController } from './directory.controller';
import { PartiesController } from './parties.controller';
import { PartiesRepository } from './parties.repository';
import { PartiesService } from './parties.service';
import { TopologyStartup } from './topology-startup';

/**
 * The party registry: parties, their signing certificates, their queues and broker accounts.
 * Declares the topology and every party's queue at start-up, for the server and the CLI alike.
 */
@Module({
  imports: [TopologyModule],
  controllers: [PartiesController, DirectoryController],
  providers: [
    {
      provide: BrokerManagement,
      inject: [HUB_ENV],
      useFactory: (env: HubEnv) =>
        new BrokerManagement(env.RABBITMQ_MANAGEMENT_URL, brokerVhostOf(env.AMQP_URL)),
    },
    BrokerAccountsService,
    PartiesRepository,
    PartiesService,
    TopologyStartup,
  ],
  exports: [PartiesService],
})
export class PartiesModule {}
