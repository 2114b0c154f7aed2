import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { HttpErrorDoc } from '@skp/platform';
import { DirectoryClient, DirectoryEntry } from './directory.client';

class DirectoryEntryDoc {
  @ApiProperty({ example: '00000003123456780000' }) oin!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['CREDITOR'] }) kind!: string;
  @ApiProperty({ description: 'receives the BSN (PUBLIC variant)' }) bsnAllowed!: boolean;
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('directory')
export class DirectoryController {
  constructor(private readonly directory: DirectoryClient) {}

  @Get()
  @ApiOperation({
    summary: "The hub's active creditor parties, for picking creditors in the portal",
    description: 'From the hub (MUNICIPALITY_HUB_URL), cached 60 s. 503 when the hub cannot be reached.',
  })
  @ApiOkResponse({ type: [DirectoryEntryDoc] })
  @ApiServiceUnavailableResponse({ type: HttpErrorDoc, description: 'the hub is unreachable' })
  list(): Promise<DirectoryEntry[]> {
    return this.directory.creditors();
  }
}
