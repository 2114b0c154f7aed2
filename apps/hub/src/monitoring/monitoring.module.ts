import { Module } from '@nestjs/common';
import { OperatorAccessModule } from '../auth/operator-access.module';
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

/** The operators' read side (DESIGN §7): metadata only, plus redelivery for admins. */
@Module({
  imports: [OperatorAccessModule],
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
  exports: [MessageQueryRepository],
})
export class MonitoringModule {}
