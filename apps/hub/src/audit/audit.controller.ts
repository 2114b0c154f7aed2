import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { auditPage } from '@skp/platform';
import { Roles } from '../access/roles.decorator';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto) {
    return auditPage(
      query,
      (before, limit) => this.audit.list({ operator: query.operator, action: query.action, before, limit }),
      (r) => ({
        id: r.id,
        at: r.at.toISOString(),
        operator: r.operator,
        action: r.action,
        target: r.target,
        detail: r.detail,
      }),
    );
  }
}
