import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditAction, AuditedByHandler } from '../audit/audit.decorator-keys';
import { CurrentOperator } from '../access/current-operator.decorator';
import { Roles } from '../access/roles.decorator';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { MessageIdParam } from './dto/message-id.param';
import { MessageQueryDto } from './dto/message-query.dto';
import { MessageSearchService } from './message-search.service';
import { RedeliveryService } from './redelivery.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('api/messages')
export class MessagesController {
  constructor(
    private readonly search: MessageSearchService,
    private readonly redelivery: RedeliveryService,
  ) {}

  /** Metadata of messages, newest first, with cursor paging. */
  @Get()
  list(@Query() q: MessageQueryDto) {
    const { cursor, limit, ...filter } = q;
    return this.search.search(filter, cursor, limit);
  }

  /** Metadata, timeline, receipts and conversation of one message. */
  @Get(':id')
  detail(@Param() { id }: MessageIdParam) {
    return this.search.detail(id);
  }

  @Roles('admin')
  @AuditAction('messages.redeliver')
  @AuditedByHandler()
  @Post(':id/redeliver')
  @HttpCode(202)
  redeliver(@Param() { id }: MessageIdParam, @CurrentOperator() by: AuthenticatedOperator) {
    return this.redelivery.redeliverMessage(id, by);
  }
}
