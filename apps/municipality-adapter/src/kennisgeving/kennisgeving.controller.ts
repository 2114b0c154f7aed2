import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { badRequest } from '@skp/platform';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiAcceptedResponse,
  ApiOperation,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { requireBodyKind, textBody } from '../http/request-body';
import { ProgressResult, ProgressService } from '../progress/progress.service';
import { CaseView, SubmissionView } from './dto/kennisgeving.views';
import {
  CaseDoc,
  InvalidRequestDoc,
  ProgressRequestDoc,
  SubmissionDoc,
  SubmitKennisgevingDoc,
  XML_REQUEST_EXAMPLE,
} from './dto/openapi.dto';
import { KennisgevingService } from './kennisgeving.service';
import { parseXmlRequest } from './xml-request';

@ApiTags('kennisgevingen')
@ApiBearerAuth()
@Controller('kennisgevingen')
export class KennisgevingController {
  constructor(
    private readonly kennisgevingen: KennisgevingService,
    private readonly progress: ProgressService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Submit a Kennisgeving for a case to every listed creditor',
    description:
      'Builds one signed Kennisgeving per creditor: PUBLIC with BSN for creditors in BSN_ALLOWED_CREDITORS, ' +
      'PRIVATE without BSN otherwise. Idempotent per (caseReference, creditor): a repeat returns the existing ' +
      'messages and sends nothing new. JSON, or XML (`application/xml`) with root `<KennisgevingVerzoek ' +
      'xmlns="urn:nl:schuldenknooppunt:gemeente:1">`, element names equal to the JSON field names, ' +
      '`<creditors><creditor>…</creditor></creditors>` and `<invoiceNumbers><invoiceNumber>…</invoiceNumber></invoiceNumbers>` for lists.',
  })
  @ApiConsumes('application/json', 'application/xml')
  @ApiBody({
    type: SubmitKennisgevingDoc,
    description: `JSON as below; or the same request as XML (application/xml), for example:\n\n\`\`\`xml\n${XML_REQUEST_EXAMPLE}\n\`\`\``,
  })
  @ApiAcceptedResponse({ type: SubmissionDoc })
  @ApiBadRequestResponse({ type: InvalidRequestDoc, description: 'every violation, by field path and rule' })
  @ApiUnsupportedMediaTypeResponse({ description: 'not application/json or application/xml' })
  async submit(@Req() request: Request): Promise<SubmissionView> {
    const kind = requireBodyKind(request, ['json', 'xml']);
    let body: unknown = request.body;
    if (kind === 'xml') {
      const parsed = await parseXmlRequest(textBody(request));
      if (!parsed.ok) {
        throw badRequest(parsed.violations);
      }
      body = parsed.request;
    }
    const result = await this.kennisgevingen.submit(body);
    return {
      caseReference: result.caseReference,
      messages: result.messages.map(({ messageId, creditor, variant, state }) => ({
        messageId,
        creditor,
        variant,
        state,
      })),
    };
  }

  @Get(':caseReference')
  @ApiOperation({ summary: "Per creditor: state, answer and timeline of the case's Kennisgevingen" })
  @ApiOkResponse({ type: CaseDoc })
  @ApiNotFoundResponse({ description: 'no Kennisgeving for this case reference' })
  caseStatus(@Param('caseReference') caseReference: string): Promise<CaseView> {
    return this.kennisgevingen.caseView(caseReference);
  }

  @Post(':caseReference/progress')
  @HttpCode(202)
  @ApiOperation({
    summary: "Send a ProgressUpdate to every creditor of the case, in each creditor's conversation",
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: ProgressRequestDoc })
  @ApiBadRequestResponse({ type: InvalidRequestDoc })
  @ApiNotFoundResponse({ description: 'no Kennisgeving for this case reference' })
  sendProgress(
    @Param('caseReference') caseReference: string,
    @Req() request: Request,
  ): Promise<ProgressResult> {
    requireBodyKind(request, ['json']);
    return this.progress.sendProgress(caseReference, request.body);
  }
}
