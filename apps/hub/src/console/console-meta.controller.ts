import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MESSAGE_TYPES, REASON_CODES } from '@skp/messages';
import { OPERATOR_ROLES } from '../access/roles.decorator';
import { MESSAGE_STATES } from '../delivery-record/message-state';
import { PARTY_KINDS, PARTY_STATUSES } from '../parties/party.entity';

/** The hub's enumerations, as the console's filters and forms offer them. */
export class ConsoleMetaDto {
  @ApiProperty({ enum: MESSAGE_TYPES, isArray: true })
  messageTypes!: readonly string[];

  @ApiProperty({ enum: MESSAGE_STATES, isArray: true })
  messageStates!: readonly string[];

  @ApiProperty({ enum: REASON_CODES, isArray: true })
  reasonCodes!: readonly string[];

  @ApiProperty({ enum: PARTY_KINDS, isArray: true })
  partyKinds!: readonly string[];

  @ApiProperty({ enum: PARTY_STATUSES, isArray: true })
  partyStatuses!: readonly string[];

  @ApiProperty({ enum: OPERATOR_ROLES, isArray: true })
  operatorRoles!: readonly string[];
}

const META: ConsoleMetaDto = {
  messageTypes: MESSAGE_TYPES,
  messageStates: MESSAGE_STATES,
  reasonCodes: REASON_CODES,
  partyKinds: PARTY_KINDS,
  partyStatuses: PARTY_STATUSES,
  operatorRoles: OPERATOR_ROLES,
};

/**
 * Served from the sources of truth so the console keeps no copies that could drift when a
 * message type or state is added. Any logged-in operator (viewer or admin) may read it.
 */
@ApiTags('console')
@ApiBearerAuth()
@Controller('api/meta')
export class ConsoleMetaController {
  @Get()
  @ApiOkResponse({ type: ConsoleMetaDto })
  meta(): ConsoleMetaDto {
    return META;
  }
}
