import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MessageSearchService } from './message-search.service';
import { OverdueQueryDto } from './dto/dead-letter.dto';
import { StatsRepository } from './stats.repository';
import { StatsService } from './stats.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly statsRepository: StatsRepository,
    private readonly search: MessageSearchService,
  ) {}

  /** Dashboard: throughput, states, rejections, backlog, queue depths, oldest undelivered. */
  @Get('stats')
  dashboard() {
    return this.stats.dashboard();
  }

  /** OVERDUE Kennisgevingen per creditor, with answer rate and median answer time. */
  @Get('overdue')
  overdue(@Query() q: OverdueQueryDto) {
    return this.stats.overdue(q.days ?? 90);
  }

  /** Rejections by reason code (24 h) and the latest rejected messages (metadata). */
  @Get('rejections')
  async rejections() {
    const [byReason, latest] = await Promise.all([
      this.statsRepository.rejectionsByReason(new Date(Date.now() - 24 * 3_600_000)),
      this.search.search({ state: 'REJECTED' }, undefined, 50),
    ]);
    return { byReason24h: byReason, ...latest };
  }
}
