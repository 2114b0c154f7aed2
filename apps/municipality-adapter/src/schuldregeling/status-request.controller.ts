import {
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { NOTE_MAX, Optional, Text } from '@skp/messages';
import { HttpErrorDoc } from '@skp/platform';
import { DataSource } from 'typeorm';
import type { ArrangementEndReason } from '@skp/messages';
import type { StatusRequestRecord } from './entities/status-request.entity';
import { SchuldregelingRepository } from './schuldregeling.repository';
import { DossierState, dossierState } from './schuldregeling-state';
import { StatusAnswerService } from './status-answer.service';

export class StatusAnswerDto {
  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'sent with the ProgressUpdate' })
  @Optional()
  @Text({ max: NOTE_MAX, multiline: true })
  note?: string;
}

export class StatusRequestView {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ format: 'uuid' }) conversationId!: string;
  @ApiProperty({ enum: ['Kennisgeving', 'BalanceRequest'] }) conversationType!: string;
  @ApiProperty() caseReference!: string;
  @ApiProperty() creditorOin!: string;
  @ApiPropertyOptional() question?: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the ProgressUpdate that answered it' })
  answerId?: string;
  @ApiPropertyOptional() answerStatus?: string;
}

function toView(r: StatusRequestRecord): StatusRequestView {
  return {
    messageId: r.messageId,
    conversationId: r.conversationId,
    conversationType: r.conversationType,
    caseReference: r.caseReference,
    creditorOin: r.creditorOin,
    ...(r.question ? { question: r.question } : {}),
    receivedAt: r.receivedAt.toISOString(),
    ...(r.answerId ? { answerId: r.answerId, answerStatus: r.answerStatus ?? undefined } : {}),
  };
}

/** StatusRequests from creditors, for answering by hand when MUNICIPALITY_AUTO_PROGRESS=false. */
@ApiTags('status-requests')
@ApiBearerAuth()
@Controller('status-requests')
export class StatusRequestController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SchuldregelingRepository,
    private readonly answers: StatusAnswerService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Open StatusRequests (not answered yet), oldest first' })
  @ApiOkResponse({ type: [StatusRequestView] })
  async open(): Promise<StatusRequestView[]> {
    return (await this.repository.openStatusRequests()).map(toView);
  }

  @Post(':messageId/answer')
  @HttpCode(202)
  @ApiOperation({
    summary: "Answer a StatusRequest with a ProgressUpdate saying the case's current state",
    description:
      'Kennisgeving conversation: STABILISATION_STARTED; Schuldregeling: STABILISATION_STARTED before a proposal, ' +
      'ARRANGEMENT_OFFERED while proposed, ARRANGEMENT_AGREED once agreed, PAUSE_ENDED with the end reason once ended. ' +
      'Answering twice sends nothing new.',
  })
  @ApiOkResponse({ type: StatusRequestView })
  @ApiNotFoundResponse({ type: HttpErrorDoc })
  async answer(
    @Param('messageId', new ParseUUIDPipe()) messageId: string,
    @Body() request: StatusAnswerDto,
  ): Promise<StatusRequestView> {
    const answered = await this.dataSource.transaction(async (manager) => {
      const found = await this.repository.findStatusRequest(manager, messageId);
      if (!found) {
        return null;
      }
      let state: DossierState | 'KENNISGEVING' = 'KENNISGEVING';
      let endReason: ArrangementEndReason | null = null;
      if (found.conversationType === 'BalanceRequest') {
        const dossier = (await this.repository.lockDossier(manager, found.caseReference))!;
        const rows = await this.repository.creditorsOf(found.caseReference, manager);
        state = dossierState(
          dossier.state,
          rows.map((r) => r.state),
        );
        endReason = dossier.endReason as ArrangementEndReason | null;
      }
      return this.answers.answer(manager, messageId, state, endReason, request.note);
    });
    if (!answered) {
      throw new NotFoundException({
        statusCode: 404,
        error: 'Not Found',
        message: 'no StatusRequest with this messageId',
      });
    }
    this.answers.published();
    return toView(answered);
  }
}
