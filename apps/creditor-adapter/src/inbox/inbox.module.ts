import { Module } from '@nestjs/common';
import { InboxAnswers } from './inbox-answers.service';
import { InboxController } from './inbox.controller';
import { InboxRepository } from './inbox.repository';
import { InboxService } from './inbox.service';

@Module({
  controllers: [InboxController],
  providers: [InboxRepository, InboxService, InboxAnswers],
  exports: [InboxRepository, InboxAnswers],
})
export class InboxModule {}
