import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PartyMessaging } from '@skp/platform';
import type { CreditorEnv } from '../config/creditor.env';
import { CREDITOR_ENV } from '../creditor.tokens';
import { MessageIntake } from './message-intake.service';

/** Consumes this creditor's own queue once the app is up; PartyMessaging verifies and dedupes. */
@Injectable()
export class InboundConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: PartyMessaging,
    private readonly intake: MessageIntake,
    @Inject(CREDITOR_ENV) private readonly env: CreditorEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.receive(
      (manager, message) => this.intake.storeIncoming(manager, message),
      this.env.CREDITOR_PREFETCH,
    );
  }
}
