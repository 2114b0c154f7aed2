import { OnModuleInit } from '@nestjs/common';
import { TrustStore, TrustStoreHealth } from '@skp/crypto';
import type { Logger } from 'pino';

/**
 * Logs what the trust store reports (CRLs loaded, pending, unreadable; CAs learned) and gives
 * /health its trust-store part. An app without a TrustStore reports nothing.
 */
export class TrustStoreMonitor implements OnModuleInit {
  constructor(
    private readonly logger: Logger,
    private readonly trust: TrustStore | undefined,
  ) {}

  onModuleInit(): void {
    this.trust?.onEvent(({ level, event, message, ca, source }) =>
      this.logger[level]({ event, ca, source }, message),
    );
  }

  health(): TrustStoreHealth | undefined {
    return this.trust?.health();
  }
}
