import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { PausesModule } from '../pauses/pauses.module';
import { AcknowledgementService } from './acknowledgement.service';
import { AcknowledgementsController } from './acknowledgements.controller';

@Module({
  imports: [InboxModule, PausesModule],
  controllers: [AcknowledgementsController],
  providers: [AcknowledgementService],
  exports: [AcknowledgementService],
})
export class AcknowledgementsModule {}
