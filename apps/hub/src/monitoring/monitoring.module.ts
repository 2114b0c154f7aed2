import { Module } from '@nestjs/common';
import { DeliveryRecordModule } from '../delivery-record/delivery-record.module';
import { PartiesModule } from '../parties/parties.module';
import { TopologyModule } from '../topology/topology.module';
import { DeadLetterQueryRepository } from './dead-letter-query.repository';
import { DeadLettersController } from './dead-letters.controller';
import { MessageQueryRepository } from './message-query.repository';
import { MessageSearchService } from './message-search.service';
import { MessagesController } from './messages.controller';
import { PartyNamesReader } from './party-names';
import { RedeliveryRepository } from './redelivery.repository';
import { RedeliveryService } from './redelivery.service';
import { StatsController } from './stats.controller';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

/**
 * The operators' read side (DESIGN §7): metadata only, plus redelivery for admins, which the
 * delivery record writes.
 */
@Module({
  imports: [DeliveryRecordModule, PartiesModule, TopologyModule],
  controllers: [MessagesController, DeadLettersController, StatsController],
  providers: [
    MessageQueryRepository,
    StatsRepository,
    DeadLetterQueryRepository,
    RedeliveryRepository,
    PartyNamesReader,
    MessageSearchService,
    StatsService,
    RedeliveryService,
  ],
})
export class MonitoringModule {}
