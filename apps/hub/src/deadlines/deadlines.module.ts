import { Module } from '@nestjs/common';
import { DeliveryRecordModule } from '../delivery-record/delivery-record.module';
import { DeadlineJobs } from './deadline.jobs';

/** The scheduled jobs of the hub: overdue Kennisgevingen and retention of the record. */
@Module({
  imports: [DeliveryRecordModule],
  providers: [DeadlineJobs],
})
export class DeadlinesModule {}
