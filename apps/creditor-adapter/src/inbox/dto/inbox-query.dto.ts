import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MESSAGE_TYPES } from '@skp/messages';
import { INBOX_STATES, InboxState } from '../inbox-message.entity';
import { PageQueryDto } from '@skp/platform';

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_TYPES })
  @IsOptional()
  @IsIn(MESSAGE_TYPES, { message: `type must be one of ${MESSAGE_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({
    enum: INBOX_STATES,
    description: 'Kennisgevingen awaiting an answer (NEW) or answered',
  })
  @IsOptional()
  @IsIn(INBOX_STATES, { message: `state must be one of ${INBOX_STATES.join(', ')}` })
  state?: InboxState;
}
