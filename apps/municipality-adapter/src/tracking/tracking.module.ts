import { Module } from '@nestjs/common';
import { HelpRequestModule } from '../help-requests/help-request.module';
import { KennisgevingModule } from '../kennisgeving/kennisgeving.module';
import { SchuldregelingModule } from '../schuldregeling/schuldregeling.module';
import { InboxConsumer } from './inbox.consumer';
import { KennisgevingReceipts } from './kennisgeving-receipts';
import { OverdueJob } from './overdue.job';
import { TrackingService } from './tracking.service';

/** Receipts and answers from the adapter's own queue, and the job that marks unanswered ones overdue. */
@Module({
  imports: [KennisgevingModule, SchuldregelingModule, HelpRequestModule],
  providers: [TrackingService, KennisgevingReceipts, InboxConsumer, OverdueJob],
})
export class TrackingModule {}
