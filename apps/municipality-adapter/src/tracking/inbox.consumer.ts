import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PartyMessaging } from '@skp/platform';
import { TrackingService } from './tracking.service';

/** Consumes the municipality's own queue: receipts and answers about what it sent. */
@Injectable()
export class InboxConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: PartyMessaging,
    private readonly tracking: TrackingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // group commit: receipts arrive in bursts during an import, one per Kennisgeving sent
    await this.messaging.receiveInBatches((manager, messages) =>
      this.tracking.recordIncomingMany(manager, messages),
    );
  }
}
