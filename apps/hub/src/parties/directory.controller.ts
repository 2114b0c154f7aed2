import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@skp/platform';
import { PARTY_KINDS, type Party, type PartyKind } from './party.entity';
import { PartiesService } from './parties.service';

export class DirectoryEntryView {
  @ApiProperty({ example: '00000003123456780000' }) oin!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PARTY_KINDS }) kind!: PartyKind;
  @ApiProperty({ description: 'the party may receive the BSN (PUBLIC variant)' }) bsnAllowed!: boolean;
}

/** Metadata only: never certificates or broker accounts. */
export function toDirectoryEntry(party: Party): DirectoryEntryView {
  return { oin: party.oin, name: party.name, kind: party.kind, bsnAllowed: party.bsnAllowed };
}

/**
 * The public directory of active parties, so an adapter's portal can offer the creditors by name.
 * Public by design: who takes part in the exchange is no secret, and it is metadata only.
 */
@ApiTags('parties')
@Controller('api/directory')
export class DirectoryController {
  constructor(private readonly parties: PartiesService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Active parties: OIN, name, kind and whether they may receive the BSN' })
  @ApiOkResponse({ type: [DirectoryEntryView] })
  async list(): Promise<DirectoryEntryView[]> {
    return (await this.parties.activeParties()).map(toDirectoryEntry);
  }
}
