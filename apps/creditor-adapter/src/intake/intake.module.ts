import { Module } from '@nestjs/common';
import { AcknowledgementsModule } from '../acknowledgements/acknowledgements.module';
import { CollectiveModule } from '../collective/collective.module';
import { InboxModule } from '../inbox/inbox.module';
import { PausesModule } from '../pauses/pauses.module';
import { WebhookModule } from '../webhook/webhook.module';
import { InboundConsumer } from './inbound.consumer';
import { MessageIntake } from './message-intake.service';

@Module({
  imports: [InboxModule, PausesModule, AcknowledgementsModule, CollectiveModule, WebhookModule],
  providers: [MessageIntake, InboundConsumer],
})
export class IntakeModule {}
