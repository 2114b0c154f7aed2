import { Module } from '@nestjs/common';
import { KennisgevingModule } from '../kennisgeving/kennisgeving.module';
import { ArrangementService } from './arrangement.service';
import { ConversationSender } from './conversation-sender';
import { SchuldregelingInboxService } from './schuldregeling-inbox.service';
import { SchuldregelingOverviewService } from './schuldregeling-overview.service';
import { SchuldregelingController } from './schuldregeling.controller';
import { SchuldregelingRepository } from './schuldregeling.repository';
import { SchuldregelingService } from './schuldregeling.service';
import { StatusAnswerService } from './status-answer.service';
import { StatusRequestController } from './status-request.controller';

/** `/schuldregelingen` (Collectief Schuldregelen, DESIGN §9) and what arrives about it. */
@Module({
  imports: [KennisgevingModule],
  controllers: [SchuldregelingController, StatusRequestController],
  providers: [
    SchuldregelingRepository,
    SchuldregelingService,
    ArrangementService,
    ConversationSender,
    StatusAnswerService,
    SchuldregelingInboxService,
    SchuldregelingOverviewService,
  ],
  exports: [SchuldregelingInboxService, StatusAnswerService],
})
export class SchuldregelingModule {}
