import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { OperatorsModule } from '../operators/operators.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { OperatorAuthGuard } from './operator-auth.guard';
import { OperatorPasswordChecker } from './password-checker';

/**
 * Operator login, sessions and password change, and the hub's one global guard (deny by default):
 * every other controller gets authentication from here through `@Roles()` / `@Public()`.
 */
@Module({
  imports: [AuditModule, OperatorsModule],
  controllers: [AuthController],
  providers: [AuthService, OperatorPasswordChecker, { provide: APP_GUARD, useClass: OperatorAuthGuard }],
})
export class AuthModule {}
