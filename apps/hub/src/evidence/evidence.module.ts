import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { EvidenceController } from './evidence.controller';
import { EvidenceRepository } from './evidence.repository';
import { EvidenceService } from './evidence.service';

/** Evidence bundles of a message: its signed texts, receipts and timeline, every export audited. */
@Module({
  imports: [AuditModule],
  controllers: [EvidenceController],
  providers: [EvidenceRepository, EvidenceService],
})
export class EvidenceModule {}
