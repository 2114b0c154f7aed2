import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { AuditPageQueryDto } from '../../accounts/dto/audit-page-query.dto';

export class PortalAuditQueryDto extends AuditPageQueryDto {
  @ApiPropertyOptional({ description: 'only the entries of this portal user' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  username?: string;
}
