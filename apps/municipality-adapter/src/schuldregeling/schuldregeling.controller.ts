import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { HttpErrorDoc, PortalRead } from '@skp/platform';
import { ArrangementService, ProposalResult } from './arrangement.service';
import {
  EndRequestDto,
  ProposalRequestDto,
  SubmitSchuldregelingDto,
} from './dto/schuldregeling-requests.dto';
import { SchuldregelingSubmittedView, SchuldregelingView } from './dto/schuldregeling.views';
import { DossierListQueryDto, DossierListView, ProposalPreviewView } from './dto/schuldregeling-overview.dto';
import { SchuldregelingOverviewService } from './schuldregeling-overview.service';
import { SchuldregelingService } from './schuldregeling.service';

@ApiTags('schuldregelingen')
@ApiBearerAuth()
@Controller('schuldregelingen')
export class SchuldregelingController {
  constructor(
    private readonly schuldregelingen: SchuldregelingService,
    private readonly arrangements: ArrangementService,
    private readonly overview: SchuldregelingOverviewService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Dossiers, newest first: state, creditors asked, creditors answered, debt stated so far',
  })
  @ApiOkResponse({ type: DossierListView })
  @ApiBadRequestResponse({ type: HttpErrorDoc, description: 'a bad query value, by field and rule' })
  list(@Query() query: DossierListQueryDto): Promise<DossierListView> {
    return this.overview.list(query.limit ?? 50, query.offset ?? 0);
  }

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

  @PortalRead() // it only reads: a viewer may use the calculator
  @Post(':caseReference/proposal/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What the proposal would offer each creditor now; sends nothing',
    description:
      'The same body and the same calculation as `POST …/proposal`; `balancesComplete` is false while a ' +
      'creditor still owes its balance (the proposal itself would then be refused).',
  })
  @ApiOkResponse({ type: ProposalPreviewView })
  @ApiBadRequestResponse({ type: HttpErrorDoc })
  @ApiConflictResponse({ type: HttpErrorDoc, description: 'no creditor stated a claim' })
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  preview(
    @Param('caseReference') caseReference: string,
    @Body() request: ProposalRequestDto,
  ): Promise<ProposalPreviewView> {
    return this.overview.preview(caseReference, request);
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
