import { DynamicModule, Global, Module } from '@nestjs/common';
import { loadSigningIdentityFromEnv } from './signing-identity';
import { TrustStore } from './trust-store';

/** Injection token for the party's own SigningIdentity. */
export const SIGNING_IDENTITY = Symbol('SIGNING_IDENTITY');

/** Provides TrustStore (TRUST_ANCHORS, TRUST_CRLS) and SIGNING_IDENTITY (PARTY_*) from the environment. */
@Global()
@Module({})
export class CryptoModule {
  static forRoot(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: CryptoModule,
      global: true,
      providers: [
        { provide: TrustStore, useFactory: () => TrustStore.fromEnv(env) },
        { provide: SIGNING_IDENTITY, useFactory: () => loadSigningIdentityFromEnv(env) },
      ],
      exports: [TrustStore, SIGNING_IDENTITY],
    };
  }
}
