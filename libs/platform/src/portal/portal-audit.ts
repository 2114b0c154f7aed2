import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../platform.tokens';
import { PortalAuditEntry, PortalAuditRecord, PortalAuditRepository } from './portal-audit.repository';

/** Writes the portal audit and logs each entry (who, what, target: ids only, never personal data). */
@Injectable()
export class PortalAudit {
  constructor(
    private readonly audit: PortalAuditRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async record(entry: PortalAuditEntry): Promise<void> {
    await this.audit.insert(entry);
    this.logger.info(
      {
        audit: { username: entry.username, action: entry.action, target: entry.target, status: entry.status },
      },
      'portal action',
    );
  }

  list(query: { username?: string; before?: string; limit: number }): Promise<PortalAuditRecord[]> {
    return this.audit.find(query);
  }
}
