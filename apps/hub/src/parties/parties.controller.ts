import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import {
  AddCertificateDto,
  RegisterPartyDto,
  UpdatePartyDto,
  toCertificateView,
  toPartyView,
} from './dto/party.dto';
import { PartiesService } from './parties.service';

@ApiTags('parties')
@ApiBearerAuth()
@Controller('api/parties')
export class PartiesController {
  constructor(private readonly parties: PartiesService) {}

  @Get()
  async list() {
    const parties = await this.parties.listWithCertificates();
    return { parties: parties.map(({ party, certificates }) => toPartyView(party, certificates)) };
  }

  @Get(':oin')
  async get(@Param('oin') oin: string) {
    const { party, certificates } = await this.parties.get(oin);
    return toPartyView(party, certificates);
  }

  @Roles('admin')
  @Post()
  async register(@Body() dto: RegisterPartyDto) {
    const party = await this.parties.register(dto);
    return toPartyView(party, (await this.parties.get(party.oin)).certificates);
  }

  @Roles('admin')
  @Patch(':oin')
  async update(@Param('oin') oin: string, @Body() dto: UpdatePartyDto) {
    return toPartyView(await this.parties.update(oin, dto));
  }

  @Roles('admin')
  @Post(':oin/certificates')
  async addCertificate(@Param('oin') oin: string, @Body() dto: AddCertificateDto) {
    return toCertificateView(await this.parties.addCertificate(oin, dto.certificatePem));
  }
}
