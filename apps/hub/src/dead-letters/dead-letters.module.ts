import { Module } from '@nestjs/common';
import { DeliveryRecordModule } from '../delivery-record/delivery-record.module';
import { MetricsModule } from '../metrics/metrics.module';
import { DeadLetterConsumer } from './dead-letter.consumer';

/** Takes the broker's dead letters and unroutable messages into the delivery record. */
@Module({
  imports: [DeliveryRecordModule, MetricsModule],
  providers: [DeadLetterConsumer],
})
export class DeadLettersModule {}
