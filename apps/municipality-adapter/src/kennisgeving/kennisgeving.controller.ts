import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { HttpErrorDoc } from '@skp/platform';
import { CaseDoc, SubmissionDoc, XML_REQUEST_EXAMPLE } from './dto/kennisgeving.docs';
import { CaseView, SubmissionView } from './dto/kennisgeving.views';
import { SubmitKennisgevingDto } from './dto/submit-kennisgeving.dto';
import { KennisgevingService } from './kennisgeving.service';
import { SubmissionBodyInterceptor } from './xml-body.interceptor';

@ApiTags('kennisgevingen')
@ApiBearerAuth()
@Controller('kennisgevingen')
export class KennisgevingController {
  constructor(private readonly kennisgevingen: KennisgevingService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(SubmissionBodyInterceptor)
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
    type: SubmitKennisgevingDto,
    description: `JSON as below; or the same request as XML (application/xml), for example:\n\n\`\`\`xml\n${XML_REQUEST_EXAMPLE}\n\`\`\``,
  })
  @ApiAcceptedResponse({ type: SubmissionDoc })
  @ApiBadRequestResponse({ type: HttpErrorDoc, description: 'every violation, by field path and rule' })
  @ApiUnsupportedMediaTypeResponse({
    type: HttpErrorDoc,
    description: 'not application/json or application/xml',
  })
  async submit(@Body() request: SubmitKennisgevingDto): Promise<SubmissionView> {
    const result = await this.kennisgevingen.submit(request);
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
}
