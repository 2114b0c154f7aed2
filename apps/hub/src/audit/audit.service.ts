import { Injectable } from '@nestjs/common';
import { InjectLogger, Logger } from '@skp/platform';
import type { EntityManager } from 'typeorm';
import { AuditEntry, AuditQuery, AuditRecord, AuditRepository } from './audit.repository';

/**
 * Who did what, when, to which target. Targets are ids (messageIds, OINs, operator usernames);
 * details never hold personal data or message content.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.audit.insert(entry, manager);
    this.logger.info(
      { audit: { operator: entry.operator, action: entry.action, target: entry.target } },
      'operator action',
    );
  }

  list(query: AuditQuery): Promise<AuditRecord[]> {
    return this.audit.find(query);
  }
}
