import { Module } from '@nestjs/common';
import { PublishAfterCommit } from '@skp/platform';
import { AuditModule } from '../audit/audit.module';
import { DeadLetterRecordRepository } from './dead-letter-record.repository';
import { DeliveryRecordRepository } from './delivery-record.repository';
import { RetentionRepository } from './retention.repository';
import { publishAfterCommitProvider } from './stored-payloads';

/**
 * The hub's delivery record (`message`, `message_event`, `dead_letter` and the outbox rows that go
 * with them): every write to these tables goes through the repositories here. Readers (monitoring,
 * evidence) keep their own read-only queries.
 */
@Module({
  imports: [AuditModule],
  providers: [
    DeliveryRecordRepository,
    DeadLetterRecordRepository,
    RetentionRepository,
    publishAfterCommitProvider,
  ],
  exports: [DeliveryRecordRepository, DeadLetterRecordRepository, RetentionRepository, PublishAfterCommit],
})
export class DeliveryRecordModule {}
