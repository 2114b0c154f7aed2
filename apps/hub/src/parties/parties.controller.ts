import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { badField } from '@skp/platform';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '../audit/audit.decorator-keys';
import { Roles } from '../access/roles.decorator';
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
  @ApiOperation({
    summary: 'Register a party; the response carries its broker password, shown only this once',
  })
  async register(@Body() dto: RegisterPartyDto) {
    const { party, broker } = await this.parties.register(dto);
    return { ...toPartyView(party, (await this.parties.get(party.oin)).certificates), broker };
  }

  @Roles('admin')
  @Post(':oin/broker-credentials')
  @HttpCode(200)
  @AuditAction('parties.broker-credentials')
  @ApiOperation({
    summary: "Replace the party's broker password (shown only this once) and close its connections",
  })
  async issueBrokerCredentials(@Param('oin') oin: string) {
    return { broker: await this.parties.issueBrokerCredentials(oin) };
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

  @Roles('admin')
  @Delete(':oin/certificates/:sha256')
  @HttpCode(204)
  @AuditAction('parties.remove-certificate')
  @ApiOperation({ summary: 'Remove a signing certificate; messages signed with it are refused from then on' })
  async removeCertificate(@Param('oin') oin: string, @Param('sha256') sha256: string): Promise<void> {
    if (!/^[0-9a-f]{64}$/i.test(sha256)) {
      throw badField(
        'sha256',
        'sha256-hex',
        'sha256 must be the 64 hex digits of the certificate fingerprint',
      );
    }
    await this.parties.removeCertificate(oin, sha256);
  }
}
