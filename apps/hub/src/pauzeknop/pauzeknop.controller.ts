import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HttpErrorDoc, Public } from '@skp/platform';
import { HelpRequestFormDto } from './dto/help-request-form.dto';
import { ChallengeView, HelpRequestReceiptView, PauzeknopMunicipalityView } from './dto/pauzeknop.views';
import { PauzeknopRateLimitGuard } from './pauzeknop-rate-limit.guard';
import { HelpRequestReceipt, PauzeknopMunicipality, PauzeknopService } from './pauzeknop.service';
import type { Challenge } from './proof-of-work';

/** The API behind the public Pauzeknop page (DESIGN §11): no login, nothing personal in URLs. */
@ApiTags('pauzeknop')
@Public()
@Controller('api/pauzeknop')
export class PauzeknopController {
  constructor(private readonly pauzeknop: PauzeknopService) {}

  @Get('municipalities')
  @ApiOkResponse({ type: [PauzeknopMunicipalityView] })
  async municipalities(): Promise<{ municipalities: PauzeknopMunicipality[] }> {
    return { municipalities: await this.pauzeknop.municipalities() };
  }

  @Get('challenge')
  @ApiOkResponse({ type: ChallengeView })
  challenge(): Challenge {
    return this.pauzeknop.challenge();
  }

  @Post('requests')
  @HttpCode(201)
  @UseGuards(PauzeknopRateLimitGuard)
  @ApiCreatedResponse({ type: HelpRequestReceiptView })
  @ApiResponse({ status: 400, type: HttpErrorDoc, description: 'field violations, or the proof-of-work' })
  @ApiResponse({ status: 429, type: HttpErrorDoc, description: 'too many requests from this address' })
  submit(@Body() form: HelpRequestFormDto): Promise<HelpRequestReceipt> {
    return this.pauzeknop.submit(form);
  }
}
