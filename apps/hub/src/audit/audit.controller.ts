import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  async list(@Query() query: AuditQueryDto) {
    const limit = query.limit ?? 100;
    const rows = await this.audit.list({
      operator: query.operator,
      action: query.action,
      before: query.cursor,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        operator: r.operator,
        action: r.action,
        target: r.target,
        detail: r.detail,
      })),
      nextCursor: rows.length > limit ? page[page.length - 1].id : null,
    };
  }
}
