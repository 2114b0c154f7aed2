import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditAction, AuditedByHandler } from '../audit/audit.decorator-keys';
import { CurrentOperator } from '../access/current-operator.decorator';
import { Roles } from '../access/roles.decorator';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { DeadLetterQueryRepository } from './dead-letter-query.repository';
import { BulkRedeliverDto, DeadLetterIdParam, DeadLetterQueryDto } from './dto/dead-letter.dto';
import { RedeliveryService, toDeadLetterView } from './redelivery.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetterQueryRepository,
    private readonly redelivery: RedeliveryService,
  ) {}

  /** Dead letters, newest first, without their content. */
  @Get()
  async list(@Query() q: DeadLetterQueryDto) {
    const limit = q.limit ?? 50;
    const rows = await this.deadLetters.findPage(
      { open: q.open === undefined ? undefined : q.open === 'true', queue: q.queue, before: q.cursor },
      limit + 1,
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map((d) => toDeadLetterView(d, this.redelivery.partyOf(d.queue))),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /** Bulk: `dryRun: true` previews what would be redelivered and does nothing. */
  @Roles('admin')
  @AuditAction('dead-letters.redeliver-bulk')
  @Post('redeliver')
  @HttpCode(200)
  redeliverMany(@Body() dto: BulkRedeliverDto, @CurrentOperator() by: AuthenticatedOperator) {
    return this.redelivery.redeliverMany(dto.ids, dto.dryRun, by);
  }

  @Roles('admin')
  @AuditAction('dead-letters.redeliver')
  @AuditedByHandler()
  @Post(':id/redeliver')
  @HttpCode(202)
  redeliver(@Param() { id }: DeadLetterIdParam, @CurrentOperator() by: AuthenticatedOperator) {
    return this.redelivery.redeliverDeadLetter(id, by);
  }
}
