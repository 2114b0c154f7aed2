import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentOperator } from '../access/current-operator.decorator';
import { Roles } from '../access/roles.decorator';
import { MessageIdParam } from '../monitoring/dto/message-id.param';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { EvidenceService } from './evidence.service';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api/messages')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  /** The signed message, its signed receipts and the timeline: the only API that returns content. */
  @Roles('admin')
  @Get(':id/evidence')
  @Header('Cache-Control', 'no-store')
  bundle(@Param() { id }: MessageIdParam, @CurrentOperator() by: AuthenticatedOperator) {
    return this.evidence.bundle(id, by);
  }
}
