import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PortalAudit } from './portal-audit';
import { PortalAuditInterceptor } from './portal-audit.interceptor';
import { PortalAuditRepository } from './portal-audit.repository';
import { PortalAuthService } from './portal-auth.service';
import { PORTAL_AUTHENTICATOR, PortalAwareGuard } from './portal-aware.guard';
import { PortalPasswordChecker } from './portal-password-checker';
import { PortalUsersRepository } from './portal-users.repository';
import { PortalUsersService } from './portal-users.service';
import { PortalController } from './portal.controller';
import { PORTAL_OPTIONS, PortalOptions } from './portal.options';

/**
 * Portal users of an adapter: login, sessions, roles, audit, and the adapter's one global guard
 * (API token or portal session, deny by default). Needs the PlatformModule (DataSource, logger,
 * metrics registry) and the portal tables (createPortalTables in one of the adapter's migrations).
 */
@Module({})
export class PortalModule {
  static forRoot(options: PortalOptions): DynamicModule {
    return {
      module: PortalModule,
      controllers: [PortalController],
      providers: [
        { provide: PORTAL_OPTIONS, useValue: options },
        PortalUsersRepository,
        PortalAuditRepository,
        PortalAudit,
        PortalPasswordChecker,
        PortalAuthService,
        PortalUsersService,
        { provide: PORTAL_AUTHENTICATOR, useExisting: PortalAuthService },
        { provide: APP_GUARD, useClass: PortalAwareGuard },
        { provide: APP_INTERCEPTOR, useClass: PortalAuditInterceptor },
      ],
      exports: [PortalUsersService, PortalAudit],
    };
  }
}
