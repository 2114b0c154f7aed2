import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { HttpErrorDoc, PageQueryDto, unsupportedMediaType } from '@skp/platform';
import type { Request } from 'express';
import { CLAIM_COLUMNS } from './claims-csv';
import type { ClaimImportResult } from './claims-import';
import { ClaimsService } from './claims.service';
import { ClaimImportDoc, ClaimsPageDoc, toClaimView } from './dto/claims.views';

@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import open claims from CSV (upsert by reference)',
    description:
      `Separator \`;\` or \`,\`, header on line 1, columns ${CLAIM_COLUMNS.join(';')}; bsn only when this ` +
      'creditor may process it. Good lines are stored even when others are bad; each line is reported.',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: `${CLAIM_COLUMNS.join(';')}\n` } })
  @ApiOkResponse({ type: ClaimImportDoc })
  @ApiBadRequestResponse({ type: HttpErrorDoc, description: 'the file itself is unusable (syntax, header)' })
  @ApiUnsupportedMediaTypeResponse({ type: HttpErrorDoc, description: 'not text/csv' })
  importCsv(@Req() request: Request, @Body() csv: unknown): Promise<ClaimImportResult> {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'text/csv') {
      throw unsupportedMediaType('content type must be text/csv');
    }
    return this.claims.importCsv(typeof csv === 'string' ? csv : '');
  }

  @Get()
  @ApiOperation({ summary: 'The claims register, by reference (paged)' })
  @ApiOkResponse({ type: ClaimsPageDoc })
  async list(@Query() query: PageQueryDto) {
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const page = await this.claims.list(limit, offset);
    return { claims: page.claims.map(toClaimView), total: page.total, limit, offset };
  }
}
