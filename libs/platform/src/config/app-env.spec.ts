import { AppEnv } from './app-env';
import { ConfigError, loadEnv } from './env';
import { PartyIdentityEnv } from './party-identity.env';
import { TrustEnv } from './trust.env';

const TRUST = { TRUST_ANCHORS: '/pki/root.crt' };
const PEM_IDENTITY = { ...TRUST, PARTY_CERT: '/pki/party.crt', PARTY_KEY: '/pki/party.key' };

function problemsOf(load: () => unknown): string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.problems;
    }
    throw error;
  }
  return [];
}

class OinRequiredEnv extends PartyIdentityEnv {
  static override readonly PARTY_OIN_REQUIRED = true;
}

describe('TrustEnv', () => {
  it('reads the trust settings, the reload interval as a number', () => {
    expect(
      loadEnv(TrustEnv, { ...TRUST, CRL_RELOAD_INTERVAL_MS: '500', CRL_STALE_POLICY: 'fail' }),
    ).toMatchObject({
      TRUST_ANCHORS: '/pki/root.crt',
      CRL_RELOAD_INTERVAL_MS: 500,
      CRL_STALE_POLICY: 'fail',
    });
  });

  it('refuses bad values, naming the variable and the rule', () => {
    expect(problemsOf(() => loadEnv(TrustEnv, {}))).toContain(
      'TRUST_ANCHORS: TRUST_ANCHORS must list at least one PEM CA file',
    );
    expect(problemsOf(() => loadEnv(TrustEnv, { ...TRUST, CRL_STALE_POLICY: 'ignore' }))).toEqual([
      'CRL_STALE_POLICY: CRL_STALE_POLICY must be warn or fail',
    ]);
    for (const interval of ['15m', '50', '1.5']) {
      expect(problemsOf(() => loadEnv(TrustEnv, { ...TRUST, CRL_RELOAD_INTERVAL_MS: interval }))).toEqual([
        'CRL_RELOAD_INTERVAL_MS: CRL_RELOAD_INTERVAL_MS must be a whole number of milliseconds, at least 100',
      ]);
    }
  });
});

describe('PartyIdentityEnv', () => {
  it('takes a PEM certificate and key, or a PKCS#12 file with its password', () => {
    expect(problemsOf(() => loadEnv(PartyIdentityEnv, PEM_IDENTITY))).toEqual([]);
    expect(
      problemsOf(() =>
        loadEnv(PartyIdentityEnv, { ...TRUST, PARTY_P12: '/pki/party.p12', PARTY_P12_PASSWORD: 'pw' }),
      ),
    ).toEqual([]);
  });

  it('refuses a missing or half identity, naming the variables', () => {
    const rule = 'PARTY_CERT and PARTY_KEY (PEM paths or inline PEM), or PARTY_P12 and PARTY_P12_PASSWORD';
    expect(problemsOf(() => loadEnv(PartyIdentityEnv, TRUST))).toEqual([
      `PARTY_CERT: PARTY_CERT is required: set ${rule}`,
      `PARTY_KEY: PARTY_KEY is required: set ${rule}`,
    ]);
    expect(problemsOf(() => loadEnv(PartyIdentityEnv, { ...TRUST, PARTY_CERT: '/pki/party.crt' }))).toEqual([
      `PARTY_KEY: PARTY_KEY is required: set ${rule}`,
    ]);
    expect(problemsOf(() => loadEnv(PartyIdentityEnv, { ...TRUST, PARTY_P12: '/pki/party.p12' }))).toEqual([
      'PARTY_P12_PASSWORD: PARTY_P12_PASSWORD is required with PARTY_P12',
    ]);
  });

  it('checks PARTY_OIN by the OIN rules when set, and requires it where the app says so', () => {
    expect(
      problemsOf(() => loadEnv(PartyIdentityEnv, { ...PEM_IDENTITY, PARTY_OIN: '00000099100000000002' })),
    ).toEqual([]);
    expect(problemsOf(() => loadEnv(PartyIdentityEnv, { ...PEM_IDENTITY, PARTY_OIN: '12345' }))).toEqual([
      'PARTY_OIN: must be a valid OIN (20 digits, known prefix and suffix rule)',
    ]);
    expect(
      problemsOf(() => loadEnv(PartyIdentityEnv, { ...PEM_IDENTITY, PARTY_OIN: '00000002100000000002' })),
    ).toEqual(['PARTY_OIN: must be a valid OIN (20 digits, known prefix and suffix rule)']);
    expect(problemsOf(() => loadEnv(OinRequiredEnv, PEM_IDENTITY))).toEqual([
      'PARTY_OIN: is required: an OIN of 20 digits',
    ]);
  });
});

describe('AppEnv', () => {
  it("takes pino's levels for LOG_LEVEL and refuses others", () => {
    expect(loadEnv(AppEnv, { ...PEM_IDENTITY, LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
    expect(loadEnv(AppEnv, PEM_IDENTITY).LOG_LEVEL).toBeUndefined();
    expect(problemsOf(() => loadEnv(AppEnv, { ...PEM_IDENTITY, LOG_LEVEL: 'verbose' }))).toEqual([
      'LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('lists the party identity and trust problems with its own', () => {
    expect(problemsOf(() => loadEnv(AppEnv, { AMQP_PREFIX: 'no spaces', LOG_LEVEL: 'loud' }))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^TRUST_ANCHORS: /),
        expect.stringMatching(/^PARTY_CERT: /),
        expect.stringMatching(/^PARTY_KEY: /),
        expect.stringMatching(/^AMQP_PREFIX: /),
        expect.stringMatching(/^LOG_LEVEL: /),
      ]),
    );
  });
});
