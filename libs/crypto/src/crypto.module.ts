import {
  DynamicModule,
  Global,
  Injectable,
  Module,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { CryptoSettings } from './crypto-settings';
import { loadSigningIdentityFromSettings } from './signing-identity';
import { TrustStore } from './trust-store';

/** Injection token for the party's own SigningIdentity. */
export const SIGNING_IDENTITY = Symbol('SIGNING_IDENTITY');

/** Re-reads the CRL files every `CRL_RELOAD_INTERVAL_MS` while the app runs. */
@Injectable()
export class RevocationListReloader implements OnApplicationBootstrap, OnApplicationShutdown {
  private stop?: () => void;

  constructor(private readonly trust: TrustStore) {}

  onApplicationBootstrap(): void {
    this.stop ??= this.trust.startReloading();
  }

  onApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}

/**
 * Provides TrustStore (TRUST_ANCHORS, TRUST_INTERMEDIATES, TRUST_CRLS, CRL_RELOAD_INTERVAL_MS,
 * CRL_STALE_POLICY) and SIGNING_IDENTITY (PARTY_*) from the app's validated env class.
 */
@Global()
@Module({})
export class CryptoModule {
  static forRoot(settings: CryptoSettings): DynamicModule {
    return {
      module: CryptoModule,
      global: true,
      providers: [
        { provide: TrustStore, useFactory: () => TrustStore.fromSettings(settings) },
        { provide: SIGNING_IDENTITY, useFactory: () => loadSigningIdentityFromSettings(settings) },
        RevocationListReloader,
      ],
      exports: [TrustStore, SIGNING_IDENTITY],
    };
  }
}
