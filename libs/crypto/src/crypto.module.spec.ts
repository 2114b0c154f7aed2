import { Test } from '@nestjs/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CryptoModule, SIGNING_IDENTITY } from './crypto.module';
import { createDevCa, issuePartyCertificate } from './dev';
import { SigningIdentity } from './signing-identity';
import { TrustStore } from './trust-store';

describe('CryptoModule', () => {
  it('provides the TrustStore and the SIGNING_IDENTITY from the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'skp-module-'));
    const ca = createDevCa();
    const party = issuePartyCertificate(ca, { oin: '00000099000000000001', name: 'Schuldenknooppunt hub' });
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    const env = {
      TRUST_ANCHORS: join(dir, 'ca.crt'),
      PARTY_CERT: party.chainPem.join(''),
      PARTY_KEY: party.keyPem,
      PARTY_OIN: '00000099000000000001',
    };
    const moduleRef = await Test.createTestingModule({ imports: [CryptoModule.forRoot(env)] }).compile();
    expect(moduleRef.get(TrustStore).anchorCount).toBe(1);
    expect(moduleRef.get<SigningIdentity>(SIGNING_IDENTITY).oin).toBe('00000099000000000001');
  });
});
