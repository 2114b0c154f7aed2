import { DynamicModule, Module } from '@nestjs/common';
import { AcknowledgementsModule } from './acknowledgements/acknowledgements.module';
import type { CreditorEnv } from './config/creditor.env';
import { CreditorCoreModule } from './creditor-core.module';
import { InboxModule } from './inbox/inbox.module';
import { IntakeModule } from './intake/intake.module';
import { PausesModule } from './pauses/pauses.module';
import { WebhookModule } from './webhook/webhook.module';

/** The creditor adapter: intake from its own queue, inbox, answers, pause register, webhook. */
@Module({})
export class CreditorModule {
  static forRoot(env: CreditorEnv): DynamicModule {
    return {
      module: CreditorModule,
      imports: [
        CreditorCoreModule.forRoot(env),
        InboxModule,
        PausesModule,
        AcknowledgementsModule,
        WebhookModule,
        IntakeModule,
      ],
    };
  }
}
