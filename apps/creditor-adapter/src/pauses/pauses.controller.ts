import { Body, Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PortalAuditedRead, PortalRead } from '@skp/platform';
import type { Response } from 'express';
import { PauseLookupDto, PauseLookupResponse } from './dto/pause-lookup.dto';
import { PauseRegisterPageDoc, PauseRegisterQueryDto } from './dto/pause-register.dto';
import { PauseRegisterView } from './pause-register-view.service';
import { PauseRegister } from './pause-register.service';

@ApiTags('pauses')
@ApiBearerAuth()
@Controller('pauses')
export class PausesController {
  constructor(
    private readonly register: PauseRegister,
    private readonly view: PauseRegisterView,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The pause register, newest first (paged)',
    description:
      'state=active (default: in force today), ended or all. Each pause with the debtor as this creditor received it; the BSN only when this creditor may process it.',
  })
  @ApiOkResponse({ type: PauseRegisterPageDoc })
  list(@Query() query: PauseRegisterQueryDto) {
    return this.view.page(query);
  }

  @PortalAuditedRead()
  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Paused debtors as CSV, one row per pause in force today',
    description:
      "UTF-8 with BOM, `;` separator, header line. Cells that a spreadsheet would read as a formula start with `'`. A portal user's export is audited.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' } })
  async exportCsv(@Res({ passthrough: true }) response: Response): Promise<string> {
    const { fileName, csv } = await this.view.exportCsv();
    response.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    return csv;
  }

  @PortalRead()
  @Post('lookup')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Is this debtor in a pause?',
    description:
      'Body: {bsn} (only when this creditor may process the BSN), {customerNumber}, or {surname, birthDate, postcode}.',
  })
  @ApiOkResponse({ type: PauseLookupResponse })
  lookup(@Body() body: PauseLookupDto): Promise<PauseLookupResponse> {
    return this.register.lookup(body);
  }
}
