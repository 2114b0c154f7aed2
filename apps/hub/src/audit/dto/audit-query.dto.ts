import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuditPageQueryDto } from '@skp/platform';
import { IsOptional, IsString } from 'class-validator';

export class AuditQueryDto extends AuditPageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  operator?: string;

  @ApiPropertyOptional({ example: 'parties.register' })
  @IsOptional()
  @IsString()
  action?: string;
}
