import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { RefusalAudit } from './refusal-audit';

/**
 * The audit log: its writer, the global interceptor that audits every changing admin request,
 * the middleware that audits refused ones (main.ts installs it first) and the admins' read API.
 */
@Module({
  controllers: [AuditController],
  providers: [
    AuditRepository,
    AuditService,
    RefusalAudit,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditRepository, AuditService, RefusalAudit],
})
export class AuditModule {}
