import {
  ConflictException,
  Inject,
  Injectable,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import {
  badField,
  ensureFirstAccount,
  hashPassword,
  InjectLogger,
  Logger,
  passwordRuleProblem,
} from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';
import { AuditService } from '../audit/audit.service';
import type { OperatorRole } from '../access/roles.decorator';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import type { OperatorRecord } from './operator';
import { OperatorsRepository } from './operators.repository';

/** Operator accounts; the first admin comes from HUB_ADMIN_USERNAME / HUB_ADMIN_PASSWORD. */
@Injectable()
export class OperatorsService implements OnApplicationBootstrap {
  constructor(
    private readonly operators: OperatorsRepository,
    private readonly audit: AuditService,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstAdmin();
  }

  async ensureFirstAdmin(): Promise<void> {
    const username = this.env.HUB_ADMIN_USERNAME;
    const outcome = await ensureFirstAccount(this.operators, {
      username,
      password: this.env.HUB_ADMIN_PASSWORD,
    });
    if (outcome === 'nobody') {
      this.logger.warn(
        'no operator exists and HUB_ADMIN_USERNAME/HUB_ADMIN_PASSWORD are not set: nobody can log in',
      );
    } else if (outcome === 'created') {
      await this.audit.record({
        operator: null,
        action: 'operator.bootstrap_admin',
        target: username ?? null,
        detail: { role: 'admin' },
      });
      this.logger.info({ username }, 'first admin operator created');
    }
  }

  list(): Promise<OperatorRecord[]> {
    return this.operators.findAll();
  }

  async create(
    by: AuthenticatedOperator,
    username: string,
    password: string,
    role: OperatorRole,
  ): Promise<OperatorRecord> {
    const problem = passwordRuleProblem(password, this.env.NODE_ENV === 'production');
    if (problem) {
      throw badField('password', 'password-rule', problem);
    }
    const created = await this.operators.insert(username, await hashPassword(password), role);
    if (!created) {
      throw new ConflictException({
        statusCode: 409,
        field: 'username',
        message: `operator ${username} already exists`,
      });
    }
    await this.audit.record({
      operator: by.username,
      action: 'operator.create',
      target: username,
      detail: { role },
    });
    return created;
  }

  /** Disables (ending its sessions) or enables an operator; an admin cannot lock itself out. */
  async setDisabled(by: AuthenticatedOperator, username: string, disabled: boolean): Promise<OperatorRecord> {
    if (disabled && username === by.username) {
      throw badField('username', 'not-self', 'an operator cannot disable itself');
    }
    const updated = await this.operators.setDisabled(username, disabled, new Date());
    if (!updated) {
      throw new NotFoundException({ statusCode: 404, field: 'username', message: `no operator ${username}` });
    }
    const revokedSessions = disabled ? await this.operators.deleteSessionsOf(updated.id, null) : 0;
    await this.audit.record({
      operator: by.username,
      action: disabled ? 'operator.disable' : 'operator.enable',
      target: username,
      detail: disabled ? { revokedSessions } : null,
    });
    return updated;
  }
}
