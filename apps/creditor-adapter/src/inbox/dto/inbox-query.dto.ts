import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MESSAGE_TYPES } from '@skp/messages';
import { INBOX_STATES, InboxState } from '../inbox-message.entity';

export class InboxQueryDto {
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

  @ApiPropertyOptional({ default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0)
  offset?: number;
}
