import { BadGatewayException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import {
  BrokerCredentials,
  BrokerManagement,
  BrokerManagementError,
  generateBrokerPassword,
  InjectLogger,
  Logger,
  partyBrokerPermissions,
  partyBrokerUsername,
} from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { HUB_ENV } from '../hub.tokens';

/**
 * Every party's own broker account (DESIGN §5), kept through the RabbitMQ management API:
 * `<prefix>-<OIN>`, least-privilege permissions, a generated password that is handed out once and
 * never stored or logged. Every operation is idempotent, so a failed one is simply retried.
 */
@Injectable()
export class BrokerAccountsService {
  constructor(
    private readonly management: BrokerManagement,
    @Inject(HUB_ENV) private readonly env: HubEnv,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  usernameFor(oin: string): string {
    return partyBrokerUsername(this.env.AMQP_PREFIX, oin);
  }

  /**
   * Creates the account, or gives an existing one a new password, and closes the connections
   * that logged in with the old one. `active` false leaves it without permissions (suspended).
   */
  async issue(oin: string, active: boolean): Promise<BrokerCredentials> {
    const credentials = { username: this.usernameFor(oin), password: generateBrokerPassword() };
    await this.call('issue', oin, async () => {
      await this.management.putUser(credentials);
      if (active) {
        await this.management.setPermissions(credentials.username, this.permissionsFor(oin));
      } else {
        await this.management.clearPermissions(credentials.username);
      }
      await this.management.closeConnections(credentials.username, 'broker credentials replaced');
    });
    this.logger.info({ oin, brokerUser: credentials.username }, 'broker credentials issued');
    return credentials;
  }

  /** Suspension: no permissions (no new connection is even let in) and every connection closed. */
  async block(oin: string): Promise<void> {
    const username = this.usernameFor(oin);
    await this.call('block', oin, async () => {
      await this.management.clearPermissions(username);
      await this.management.closeConnections(username, 'party suspended');
    });
    this.logger.info({ oin, brokerUser: username }, 'broker account blocked');
  }

  async unblock(oin: string): Promise<void> {
    const username = this.usernameFor(oin);
    await this.call('unblock', oin, () => this.management.setPermissions(username, this.permissionsFor(oin)));
    this.logger.info({ oin, brokerUser: username }, 'broker account unblocked');
  }

  private permissionsFor(oin: string) {
    return partyBrokerPermissions(this.env.AMQP_PREFIX, oin);
  }

  /** 503 when the management API does not answer, 502 when it refuses: nothing was changed here. */
  private async call(what: string, oin: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof BrokerManagementError)) {
        throw error;
      }
      this.logger.error({ oin, err: error.message }, `broker account ${what} failed`);
      const body = {
        field: 'broker',
        message: `broker account of ${oin} could not be changed (${error.message}); the hub's records are unchanged: try again`,
      };
      throw error.kind === 'unreachable'
        ? new ServiceUnavailableException({ statusCode: 503, ...body })
        : new BadGatewayException({ statusCode: 502, ...body });
    }
  }
}
