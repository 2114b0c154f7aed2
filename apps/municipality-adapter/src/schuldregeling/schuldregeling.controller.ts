import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { HttpErrorDoc } from '@skp/platform';
import { ArrangementService, ProposalResult } from './arrangement.service';
import {
  EndRequestDto,
  ProposalRequestDto,
  SubmitSchuldregelingDto,
} from './dto/schuldregeling-requests.dto';
import { SchuldregelingSubmittedView, SchuldregelingView } from './dto/schuldregeling.views';
import { SchuldregelingService } from './schuldregeling.service';

@ApiTags('schuldregelingen')
@ApiBearerAuth()
@Controller('schuldregelingen')
export class SchuldregelingController {
  constructor(
    private readonly schuldregelingen: SchuldregelingService,
    private readonly arrangements: ArrangementService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Open a Schuldregeling: ask every listed creditor for the balance (BalanceRequest)',
    description:
      'One signed BalanceRequest per creditor: PUBLIC with BSN for creditors in BSN_ALLOWED_CREDITORS, PRIVATE ' +
      'without BSN otherwise; `collective` (default true) asks for pre-approval. Idempotent per ' +
      '(caseReference, creditor). No personal data is stored by the adapter.',
  })
  @ApiAcceptedResponse({ type: SchuldregelingSubmittedView })
  @ApiBadRequestResponse({ type: HttpErrorDoc, description: 'every violation, by field path and rule' })
  @ApiConflictResponse({ type: HttpErrorDoc, description: 'a new creditor after the proposal went out' })
  submit(@Body() request: SubmitSchuldregelingDto): Promise<SchuldregelingSubmittedView> {
    return this.schuldregelingen.submit(request);
  }

  @Get(':caseReference')
  @ApiOperation({
    summary: 'The dossier: its state, total debt and per creditor the balance, proposal and answer',
    description: '`overdue`: no BalanceStatement after MUNICIPALITY_ANSWER_WORKING_DAYS working days.',
  })
  @ApiOkResponse({ type: SchuldregelingView })
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  view(@Param('caseReference') caseReference: string): Promise<SchuldregelingView> {
    return this.schuldregelingen.view(caseReference);
  }

  @Post(':caseReference/proposal')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a PaymentProposal to every creditor with a claim',
    description:
      'Give payoutPercentage or availableCents (the percentage is then floored to two decimals), not both. ' +
      'Refused (409) while a creditor still owes its balance; a creditor whose BalanceRequest the hub rejected ' +
      'cannot answer and does not hold the proposal up (it gets none). termMonths defaults to 18, startDate ' +
      'to the first day of next month. Once every creditor accepted, ArrangementAgreed goes out by itself.',
  })
  @ApiAcceptedResponse({ description: 'the figures: percentage, offers, roundingCents, unallocatedCents' })
  @ApiBadRequestResponse({ type: HttpErrorDoc })
  @ApiConflictResponse({ type: HttpErrorDoc, description: 'balances missing, or proposed already' })
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  propose(
    @Param('caseReference') caseReference: string,
    @Body() request: ProposalRequestDto,
  ): Promise<ProposalResult> {
    return this.arrangements.propose(caseReference, request);
  }

  @Post(':caseReference/end')
  @HttpCode(202)
  @ApiOperation({ summary: 'End the arrangement: ArrangementEnded to every creditor of the dossier' })
  @ApiBadRequestResponse({ type: HttpErrorDoc })
  @ApiConflictResponse({ type: HttpErrorDoc, description: 'ended already' })
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  end(
    @Param('caseReference') caseReference: string,
    @Body() request: EndRequestDto,
  ): Promise<{ caseReference: string; ended: string[] }> {
    return this.arrangements.end(caseReference, request);
  }
}
