import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpErrorDoc } from '@skp/platform';
import { CaseListService } from './case-list.service';
import { CaseListDoc, CaseListQueryDto, CaseListView } from './dto/case-list.dto';

@ApiTags('kennisgevingen')
@ApiBearerAuth()
@Controller('kennisgevingen')
export class CaseListController {
  constructor(private readonly cases: CaseListService) {}

  @Get()
  @ApiOperation({
    summary: 'Cases, newest first, with each creditor’s state at a glance',
    description:
      'Paged by limit/offset (`nextOffset` while there is more). `attention` keeps cases with at least one ' +
      'creditor OVERDUE, DECLINED or REJECTED; `caseReference` is a prefix search.',
  })
  @ApiOkResponse({ type: CaseListDoc })
  @ApiBadRequestResponse({ type: HttpErrorDoc, description: 'a bad query value, by field and rule' })
  list(@Query() query: CaseListQueryDto): Promise<CaseListView> {
    return this.cases.list(query);
  }
}
