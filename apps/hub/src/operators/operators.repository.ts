import { Injectable } from '@nestjs/common';
import { AccountsRepository } from '@skp/platform';
import { DataSource } from 'typeorm';
import type { OperatorRole } from '../access/roles.decorator';

/** Operators and their sessions (`operator`, `operator_session`); the first operator is an admin. */
@Injectable()
export class OperatorsRepository extends AccountsRepository<OperatorRole> {
  constructor(dataSource: DataSource) {
    super(dataSource, {
      users: 'operator',
      sessions: 'operator_session',
      sessionAccountColumn: 'operator_id',
      firstRole: 'admin',
    });
  }
}
