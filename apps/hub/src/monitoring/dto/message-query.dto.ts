import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { MESSAGE_TYPES } from '@skp/messages';
import { MESSAGE_STATES } from '../../delivery-record/message-state';

export const MAX_PAGE = 200;

export class MessageQueryDto {
  @ApiPropertyOptional({ enum: MESSAGE_TYPES })
  @IsOptional()
  @IsIn(MESSAGE_TYPES, { message: `type must be one of ${MESSAGE_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ enum: MESSAGE_STATES })
  @IsOptional()
  @IsIn(MESSAGE_STATES, { message: `state must be one of ${MESSAGE_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ description: 'sender OIN' })
  @IsOptional()
  @Matches(/^\d{20}$/, { message: 'sender must be an OIN of 20 digits' })
  sender?: string;

  @ApiPropertyOptional({ description: 'recipient OIN' })
  @IsOptional()
  @Matches(/^\d{20}$/, { message: 'recipient must be an OIN of 20 digits' })
  recipient?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all', { message: 'conversationId must be a UUID' })
  conversationId?: string;

  @ApiPropertyOptional({ description: 'received at or after (RFC 3339)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'since must be an RFC 3339 timestamp' })
  since?: Date;

  @ApiPropertyOptional({ description: 'received before (RFC 3339)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate({ message: 'until must be an RFC 3339 timestamp' })
  until?: Date;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(MAX_PAGE, { message: `limit must not be greater than ${MAX_PAGE}` })
  limit?: number;
}
