import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { HttpErrorDoc } from '@skp/platform';
import { AcceptBody } from '../http/request-body';
import { ProgressRequestDto } from './dto/progress-request.dto';
import { ProgressResult, ProgressService } from './progress.service';

@ApiTags('kennisgevingen')
@ApiBearerAuth()
@Controller('kennisgevingen/:caseReference/progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(AcceptBody('json'))
  @ApiOperation({
    summary: "Send a ProgressUpdate to every creditor of the case, in each creditor's conversation",
  })
  @ApiConsumes('application/json')
  @ApiBody({ type: ProgressRequestDto })
  @ApiBadRequestResponse({ type: HttpErrorDoc })
  @ApiUnsupportedMediaTypeResponse({ type: HttpErrorDoc, description: 'not application/json' })
  @ApiNotFoundResponse({ description: 'no Kennisgeving for this case reference' })
  sendProgress(
    @Param('caseReference') caseReference: string,
    @Body() request: ProgressRequestDto,
  ): Promise<ProgressResult> {
    return this.progress.sendProgress(caseReference, request);
  }
}
