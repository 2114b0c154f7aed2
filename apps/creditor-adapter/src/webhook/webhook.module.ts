import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { WebhookDispatcher } from './webhook.dispatcher';
import { WebhookRepository } from './webhook.repository';

@Module({
  imports: [InboxModule],
  providers: [WebhookRepository, WebhookDispatcher],
  exports: [WebhookRepository, WebhookDispatcher],
})
export class WebhookModule {}
