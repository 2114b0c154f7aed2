import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OperatorsController } from './operators.controller';
import { OperatorsRepository } from './operators.repository';
import { OperatorsService } from './operators.service';

/** Operator accounts and their sessions' storage; the first admin is created at start-up. */
@Module({
  imports: [AuditModule],
  controllers: [OperatorsController],
  providers: [OperatorsRepository, OperatorsService],
  exports: [OperatorsRepository],
})
export class OperatorsModule {}
