import { Body, Controller, Get, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiAcceptedResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { HttpErrorDoc } from '@skp/platform';
import type { Response } from 'express';
import { AcceptBody, textOf } from '../http/request-body';
import { ImportJobDoc } from './dto/import-job.docs';
import { REQUIRED_COLUMNS, OPTIONAL_COLUMNS } from './csv-import-plan';
import { ImportJobView, ImportService } from './import.service';

@ApiTags('import')
@ApiBearerAuth()
@Controller('kennisgevingen/import')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @UseInterceptors(AcceptBody('csv'))
  @ApiOperation({
    summary: 'Import Kennisgevingen from CSV (one row per case and creditor)',
    description:
      `Separator \`,\` or \`;\`, UTF-8 with or without BOM, header on line 1. Required columns: ${REQUIRED_COLUMNS.join(', ')}. ` +
      `Optional: ${OPTIONAL_COLUMNS.join(', ')}. Rows sharing a caseReference form one case. Good rows are sent even when ` +
      'others fail. Files up to MUNICIPALITY_IMPORT_SYNC_ROWS rows answer 200 with every row; larger files (or ' +
      '`?background=true`) answer 202 with a job to poll.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: `${REQUIRED_COLUMNS.join(';')}\n` } })
  @ApiQuery({ name: 'background', required: false, type: Boolean })
  @ApiOkResponse({ type: ImportJobDoc, description: 'finished: per-row results' })
  @ApiAcceptedResponse({
    type: ImportJobDoc,
    description: 'running in the background: poll GET /kennisgevingen/import/{jobId}',
  })
  @ApiBadRequestResponse({
    type: HttpErrorDoc,
    description: 'the file itself is unusable (syntax, header)',
  })
  async importCsv(
    @Body() csv: unknown,
    @Res({ passthrough: true }) response: Response,
    @Query('background') background?: string,
  ): Promise<ImportJobView> {
    const { status, view } = await this.imports.importCsv(textOf(csv), background === 'true');
    response.status(status);
    return view;
  }

  @Get(':jobId')
  @ApiOperation({ summary: 'Progress and per-row results of an import' })
  @ApiOkResponse({ type: ImportJobDoc })
  job(@Param('jobId') jobId: string): Promise<ImportJobView> {
    return this.imports.view(jobId);
  }
}
