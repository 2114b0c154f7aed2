import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { toInboxDetail } from '../inbox/dto/inbox.views';
import { CollectiveAnswers } from './collective-answers.service';
import { BalanceStatementDto, ProposalResponseDto, StatusRequestDto } from './dto/collective-answers.dto';
import { StatusRequests } from './status-request.service';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class CollectiveController {
  constructor(
    private readonly answers: CollectiveAnswers,
    private readonly statusRequests: StatusRequests,
  ) {}

  @Post(':messageId/balance')
  @ApiOperation({
    summary: 'Answer a BalanceRequest (BalanceStatement)',
    description:
      '400 names each broken field and rule; 404 unknown message; 409 not a BalanceRequest or answered already.',
  })
  async balance(
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Body() body: BalanceStatementDto,
  ) {
    return toInboxDetail(await this.answers.answerBalanceByHand(messageId, body));
  }

  @Post(':messageId/proposal-response')
  @ApiOperation({
    summary: 'Answer a PaymentProposal (ProposalResponse)',
    description:
      '400 names each broken field and rule; 404 unknown message; 409 not a PaymentProposal or answered already.',
  })
  async proposalResponse(
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Body() body: ProposalResponseDto,
  ) {
    return toInboxDetail(await this.answers.answerProposalByHand(messageId, body));
  }

  @Post(':messageId/status-request')
  @HttpCode(202)
  @ApiOperation({
    summary: "Ask the municipality for news in this message's conversation (StatusRequest)",
    description: '404 unknown message; 409 not in a Kennisgeving or BalanceRequest conversation.',
  })
  @ApiAcceptedResponse({ description: '{messageId, conversationId, recipient} of the StatusRequest sent' })
  statusRequest(@Param('messageId', new ParseUUIDPipe()) messageId: string, @Body() body: StatusRequestDto) {
    return this.statusRequests.ask(messageId, body);
  }
}
