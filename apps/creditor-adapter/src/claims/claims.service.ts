import { Inject, Injectable } from '@nestjs/common';
import { badRequest, InjectLogger, Logger } from '@skp/platform';
import type { CreditorPolicy } from '../config/creditor-policy';
import { CREDITOR_POLICY } from '../creditor.tokens';
import type { ClaimRecord } from './claim.entity';
import { ClaimImportResult, planClaimImport } from './claims-import';
import { ClaimsRepository } from './claims.repository';

/** The claims register's API side: CSV import (upsert by reference) and the paged list. */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly claims: ClaimsRepository,
    @Inject(CREDITOR_POLICY) private readonly policy: CreditorPolicy,
    @InjectLogger() private readonly logger: Logger,
  ) {}

  async importCsv(text: string): Promise<ClaimImportResult> {
    const plan = planClaimImport(text, this.policy.bsnAllowed);
    if (!plan.ok) {
      throw badRequest(plan.violations);
    }
    await this.claims.upsert(plan.rows);
    this.logger.info(plan.result.summary, 'claims imported');
    return plan.result;
  }

  list(limit: number, offset: number): Promise<{ claims: ClaimRecord[]; total: number }> {
    return this.claims.list(limit, offset);
  }
}
