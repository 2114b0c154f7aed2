import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { HttpErrorDoc, PortalAuditedRead, PortalEditorOnly, PortalRead } from '@skp/platform';
import { HelpRequestListQueryDto, HelpRequestStatusDto } from './dto/help-request.dto';
import type { HelpRequestListView, HelpRequestView } from './dto/help-request.views';
import { HelpRequestService } from './help-request.service';

/** Residents' Pauzeknop requests (DESIGN §11) for the case workers of this municipality. */
@ApiTags('help-requests')
@ApiBearerAuth()
@Controller('help-requests')
export class HelpRequestController {
  constructor(private readonly helpRequests: HelpRequestService) {}

  @Get()
  @PortalRead()
  @ApiOperation({
    summary: 'Residents who asked for help: urgent first, then by contact deadline; finished ones last',
    description:
      '`overdue`: still not contacted after MUNICIPALITY_HELP_REQUEST_CONTACT_WORKING_DAYS working days.',
  })
  @ApiOkResponse()
  list(@Query() query: HelpRequestListQueryDto): Promise<HelpRequestListView> {
    return this.helpRequests.list(query.limit ?? 100, query.offset ?? 0);
  }

  @Get(':id')
  @PortalRead()
  @PortalAuditedRead() // the resident's data: the audit shows who looked
  @ApiOperation({
    summary: "One request with the resident's data, the acknowledgements sent and a case draft",
  })
  @ApiOkResponse()
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  view(@Param('id', new ParseUUIDPipe()) id: string): Promise<HelpRequestView> {
    return this.helpRequests.view(id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @PortalEditorOnly()
  @ApiOperation({
    summary: 'Record contact or the outcome, and acknowledge it to the hub',
    description:
      'CONTACTED, then ADMITTED, REFERRED or NOT_ADMITTED (a step may be skipped; never back). Sends a signed ' +
      'HelpRequestAcknowledgement to the hub. ADMITTED requires `case` (as POST /kennisgevingen, starting from the ' +
      "request's caseDraft) and opens that case in the same transaction; its Kennisgevingen carry signal 1.",
  })
  @ApiOkResponse()
  @ApiBadRequestResponse({ type: HttpErrorDoc, description: 'every violation, by field path and rule' })
  @ApiConflictResponse({ type: HttpErrorDoc, description: 'the status cannot follow the current one' })
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  changeStatus(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() change: HelpRequestStatusDto,
  ): Promise<HelpRequestView> {
    return this.helpRequests.changeStatus(id, change);
  }
}
