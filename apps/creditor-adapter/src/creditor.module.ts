import { DynamicModule, Module } from '@nestjs/common';
import { PortalUiModule } from './portal-ui/portal-ui.module';
import { AcknowledgementsModule } from './acknowledgements/acknowledgements.module';
import type { CreditorEnv } from './config/creditor.env';
import { ClaimsModule } from './claims/claims.module';
import { CollectiveModule } from './collective/collective.module';
import { CreditorCoreModule } from './creditor-core.module';
import { InboxModule } from './inbox/inbox.module';
import { IntakeModule } from './intake/intake.module';
import { PausesModule } from './pauses/pauses.module';
import { WebhookModule } from './webhook/webhook.module';

/**
 * The creditor adapter: intake from its own queue, inbox, answers, pause register, claims register
 * and Collectief Schuldregelen, webhook.
 */
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
        ClaimsModule,
        CollectiveModule,
        WebhookModule,
        IntakeModule,
        PortalUiModule,
      ],
    };
  }
}
