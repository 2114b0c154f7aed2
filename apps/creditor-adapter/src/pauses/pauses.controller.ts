import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PortalRead } from '@skp/platform';
import { PauseLookupDto, PauseLookupResponse } from './dto/pause-lookup.dto';
import { PauseRegister } from './pause-register.service';

@ApiTags('pauses')
@ApiBearerAuth()
@Controller('pauses')
export class PausesController {
  constructor(private readonly register: PauseRegister) {}

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
