import { Module } from '@nestjs/common';
import { DeliveryRecordModule } from '../delivery-record/delivery-record.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PartiesModule } from '../parties/parties.module';
import { InboundDecider } from './inbound-decider';
import { InboundPipeline } from './inbound-pipeline.service';
import { InboundConsumer } from './inbound.consumer';
import { ReceiptFactory } from './receipt-factory';

/** The hub's inbound path: consume, check, decide, and commit each batch to the delivery record. */
@Module({
  imports: [DeliveryRecordModule, PartiesModule, MetricsModule],
  providers: [ReceiptFactory, InboundDecider, InboundPipeline, InboundConsumer],
})
export class InboundModule {}
