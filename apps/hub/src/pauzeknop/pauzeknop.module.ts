import { Module } from '@nestjs/common';
import { staticUiController } from '@skp/platform';
import { join } from 'node:path';
import { DeliveryRecordModule } from '../delivery-record/delivery-record.module';
import { PartiesModule } from '../parties/parties.module';
import { HelpRequestSender } from './help-request-sender.service';
import { PauzeknopOverviewController } from './pauzeknop-overview.controller';
import { PauzeknopRateLimitGuard } from './pauzeknop-rate-limit.guard';
import { PauzeknopController } from './pauzeknop.controller';
import { PauzeknopRepository } from './pauzeknop.repository';
import { PauzeknopService } from './pauzeknop.service';

/**
 * Pauzeknop fase 1 (DESIGN §11): the resident's public page at `/pauzeknop`, its API, the
 * HelpRequest the hub signs and sends to the municipality, and the console's overview.
 */
@Module({
  imports: [DeliveryRecordModule, PartiesModule],
  controllers: [
    staticUiController(join('apps', 'hub', 'pauzeknop'), 'pauzeknop'),
    PauzeknopController,
    PauzeknopOverviewController,
  ],
  providers: [PauzeknopRepository, PauzeknopService, HelpRequestSender, PauzeknopRateLimitGuard],
})
export class PauzeknopModule {}
