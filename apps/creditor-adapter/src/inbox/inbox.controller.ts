import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InboxQueryDto } from './dto/inbox-query.dto';
import { toInboxDetail, toInboxSummary } from './dto/inbox.views';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'Messages received, newest first (filters: type, state NEW/ANSWERED)' })
  async list(@Query() query: InboxQueryDto) {
    const entries = await this.inbox.list(query);
    return { messages: entries.map(toInboxSummary) };
  }

  @Get(':messageId')
  @ApiOperation({ summary: 'One message as signed, with the answer sent to it' })
  async get(@Param('messageId', new ParseUUIDPipe()) messageId: string) {
    return toInboxDetail(await this.inbox.get(messageId));
  }
}
