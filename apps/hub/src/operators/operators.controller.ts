import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction, AuditedByHandler } from '../audit/audit.decorator-keys';
import { CurrentOperator } from '../access/current-operator.decorator';
import { Roles } from '../access/roles.decorator';
import { CreateOperatorDto } from './dto/create-operator.dto';
import { UpdateOperatorDto } from './dto/update-operator.dto';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { toOperatorView } from './operator';
import { OperatorsService } from './operators.service';

@ApiTags('operators')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/operators')
export class OperatorsController {
  constructor(private readonly operators: OperatorsService) {}

  @Get()
  async list() {
    return { operators: (await this.operators.list()).map(toOperatorView) };
  }

  @AuditAction('operator.create')
  @AuditedByHandler()
  @Post()
  async create(@Body() dto: CreateOperatorDto, @CurrentOperator() by: AuthenticatedOperator) {
    return toOperatorView(await this.operators.create(by, dto.username, dto.password, dto.role));
  }

  @ApiOperation({
    summary: 'Disable or enable an operator',
    description:
      'Disabling ends every session of the operator at once and refuses its logins; an admin cannot disable itself.',
  })
  @AuditAction('operator.update')
  @AuditedByHandler()
  @Patch(':username')
  async update(
    @Param('username') username: string,
    @Body() dto: UpdateOperatorDto,
    @CurrentOperator() by: AuthenticatedOperator,
  ) {
    return toOperatorView(await this.operators.setDisabled(by, username, dto.disabled));
  }
}
