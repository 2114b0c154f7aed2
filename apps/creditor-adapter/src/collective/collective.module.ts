import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module';
import { InboxModule } from '../inbox/inbox.module';
import { CollectiveAnswers } from './collective-answers.service';
import { CollectiveController } from './collective.controller';
import { StatusRequests } from './status-request.service';

/** Collectief Schuldregelen answers (DESIGN §9) and status requests, by policy or by hand. */
@Module({
  imports: [ClaimsModule, InboxModule],
  controllers: [CollectiveController],
  providers: [CollectiveAnswers, StatusRequests],
  exports: [CollectiveAnswers],
})
export class CollectiveModule {}
