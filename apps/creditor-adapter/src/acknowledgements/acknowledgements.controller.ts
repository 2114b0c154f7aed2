import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toInboxDetail } from '../inbox/dto/inbox.views';
import { AcknowledgementService } from './acknowledgement.service';
import { AcknowledgementDto } from './dto/acknowledgement.dto';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class AcknowledgementsController {
  constructor(private readonly acknowledgements: AcknowledgementService) {}

  @Post(':messageId/acknowledgement')
  @ApiOperation({
    summary: 'Answer a Kennisgeving (PauseAcknowledgement)',
    description: '400 names each broken field and rule; 404 unknown Kennisgeving; 409 answered already.',
  })
  async acknowledge(
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Body() body: AcknowledgementDto,
  ) {
    return toInboxDetail(await this.acknowledgements.answerByHand(messageId, body));
  }
}
