import { Inject, Injectable } from '@nestjs/common';
import { AccountAuth } from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';
import { AuditService } from '../audit/audit.service';
import { OperatorsRepository } from '../operators/operators.repository';
import { OperatorPasswordChecker } from './password-checker';
import type { OperatorRole } from '../access/roles.decorator';

/**
 * Operator login, sessions, logout and password change: the shared account code on the
 * operator tables, audited in the hub's audit log (which keeps no HTTP status).
 */
@Injectable()
export class AuthService extends AccountAuth<OperatorRole> {
  constructor(
    operators: OperatorsRepository,
    audit: AuditService,
    passwords: OperatorPasswordChecker,
    @Inject(HUB_ENV) env: HubEnv,
  ) {
    super(
      operators,
      {
        record: (e) =>
          audit.record({ operator: e.username, action: e.action, target: e.target, detail: e.detail }),
      },
      passwords,
      {
        sessionTtlMinutes: env.HUB_SESSION_TTL_MINUTES,
        loginRateLimit: env.HUB_LOGIN_RATE_LIMIT,
        production: env.NODE_ENV === 'production',
        accountNoun: 'operator',
        errorStyle: 'short',
      },
    );
  }
}
