import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from '../audit/audit.controller';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditRepository } from '../audit/audit.repository';
import { AuditService } from '../audit/audit.service';
import { RefusalAudit } from '../audit/refusal-audit';
import { OperatorsController } from '../operators/operators.controller';
import { OperatorsRepository } from '../operators/operators.repository';
import { OperatorsService } from '../operators/operators.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OperatorAuthGuard } from './operator-auth.guard';
import { PasswordChecker } from './password-checker';

/**
 * Operator accounts, login sessions, the global deny-by-default guard and the audit log. Imported by
 * the hub server; every other controller gets authentication and auditing from here.
 */
@Module({
  controllers: [AuthController, OperatorsController, AuditController],
  providers: [
    OperatorsRepository,
    OperatorsService,
    AuthService,
    PasswordChecker,
    AuditRepository,
    AuditService,
    RefusalAudit,
    { provide: APP_GUARD, useClass: OperatorAuthGuard },
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditService, AuditRepository, AuthService, RefusalAudit],
})
export class OperatorAccessModule {}
