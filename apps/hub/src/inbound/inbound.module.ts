import { Module } from '@nestjs/common';
import { TrustStore } from '@skp/crypto';
import { Logger, LOGGER } from '@skp/platform';
import type { HubEnv } from '../config/hub.env';
import { DeliveryRecordModule } from '../delivery-record/delivery-record.module';
import { HUB_ENV } from '../hub.tokens';
import { MetricsModule } from '../metrics/metrics.module';
import { PartiesModule } from '../parties/parties.module';
import { InboundDecider } from './inbound-decider';
import { InboundPipeline } from './inbound-pipeline.service';
import { InboundConsumer } from './inbound.consumer';
import { InspectionWorkers } from './inspection-workers';
import { ReceiptFactory } from './receipt-factory';

/** The hub's inbound path: consume, check, decide, and commit each batch to the delivery record. */
@Module({
  imports: [DeliveryRecordModule, PartiesModule, MetricsModule],
  providers: [
    ReceiptFactory,
    InboundDecider,
    {
      provide: InspectionWorkers,
      inject: [TrustStore, HUB_ENV, LOGGER],
      useFactory: (trust: TrustStore, env: HubEnv, logger: Logger) =>
        new InspectionWorkers(trust, logger, { size: env.HUB_INSPECTION_WORKERS }),
    },
    InboundPipeline,
    InboundConsumer,
  ],
})
export class InboundModule {}
