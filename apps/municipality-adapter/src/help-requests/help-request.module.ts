import { Module } from '@nestjs/common';
import { KennisgevingModule } from '../kennisgeving/kennisgeving.module';
import { HelpRequestController } from './help-request.controller';
import { HelpRequestInboxService } from './help-request-inbox.service';
import { HelpRequestRetentionJob } from './help-request-retention.job';
import { HelpRequestRepository } from './help-request.repository';
import { HelpRequestService } from './help-request.service';

/** Pauzeknop fase 1 at the municipality: residents' HelpRequests, their status and the case they open. */
@Module({
  imports: [KennisgevingModule],
  controllers: [HelpRequestController],
  providers: [HelpRequestRepository, HelpRequestService, HelpRequestInboxService, HelpRequestRetentionJob],
  exports: [HelpRequestInboxService],
})
export class HelpRequestModule {}
