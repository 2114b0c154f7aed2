import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class DeadLetterQueryDto {
  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: not redelivered yet; false: redelivered',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'open must be true or false' })
  open?: 'true' | 'false';

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(300)
  queue?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class BulkRedeliverDto {
  @ApiProperty({ type: [String], example: ['12', '13'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^\d{1,19}$/, { each: true, message: 'ids must be dead-letter ids (digits)' })
  ids!: string[];

  @ApiProperty({ description: 'true: only preview what would be redelivered' })
  @IsBoolean()
  dryRun!: boolean;
}

export class DeadLetterIdParam {
  @Matches(/^\d{1,19}$/, { message: 'id must be a dead-letter id (digits)' })
  id!: string;
}

export class OverdueQueryDto {
  @ApiPropertyOptional({
    default: 90,
    description: 'answer rate and median over Kennisgevingen of the last N days',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3660)
  days?: number;
}
