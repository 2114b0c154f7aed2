import { productionConfigProblems } from './production-rules';

const STRONG = 'a-long-enough-secret-1234';
const GOOD_AMQP = `amqp://hub-account:${STRONG}@broker:5672`;

describe('productionConfigProblems', () => {
  it('accepts a production-ready hub, municipality and creditor environment', () => {
    expect(productionConfigProblems('hub', { HUB_ADMIN_PASSWORD: STRONG, AMQP_URL: GOOD_AMQP })).toEqual([]);
    expect(
      productionConfigProblems('municipality-adapter', {
        MUNICIPALITY_API_TOKEN: STRONG,
        AMQP_URL: GOOD_AMQP,
        HUB_OIN: '00000001234567890000',
      }),
    ).toEqual([]);
    expect(
      productionConfigProblems('creditor-adapter', {
        CREDITOR_API_TOKEN: STRONG,
        AMQP_URL: GOOD_AMQP,
        HUB_OIN: '00000001234567890000',
      }),
    ).toEqual([]);
  });

  it('lists every reason at once and names variables, not values', () => {
    const problems = productionConfigProblems('hub', {
      HUB_ADMIN_PASSWORD: 'demo-admin',
      AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
      RABBITMQ_MANAGEMENT_URL: 'http://guest:guest@127.0.0.1:15672',
      HUB_ALLOW_SHARED_BROKER_USER: 'true',
    });
    expect(problems).toEqual([
      'HUB_ADMIN_PASSWORD: a demo credential is not allowed in production',
      'HUB_ADMIN_PASSWORD: must be at least 16 characters in production',
      "AMQP_URL: the broker's default guest account is not allowed in production",
      'AMQP_URL: the broker password must be at least 16 characters in production',
      "RABBITMQ_MANAGEMENT_URL: the broker's default guest account is not allowed in production",
      'HUB_ALLOW_SHARED_BROKER_USER: must not be true in production (every party needs its own broker account)',
    ]);
    expect(problems.join('\n')).not.toContain('guest:guest');
  });

  it.each([
    ['demo-municipality', 'MUNICIPALITY_API_TOKEN', 'municipality-adapter'],
    ['demo-creditor-public', 'CREDITOR_API_TOKEN', 'creditor-adapter'],
    ['demo-creditor-private', 'CREDITOR_API_TOKEN', 'creditor-adapter'],
    ['xx-demo-counsellor-xxxxxxxxxxxxx', 'CREDITOR_API_TOKEN', 'creditor-adapter'],
  ] as const)('refuses the demo value %s in %s', (value, name, app) => {
    const problems = productionConfigProblems(app, {
      [name]: value,
      AMQP_URL: GOOD_AMQP,
      HUB_OIN: '00000001234567890000',
    });
    expect(problems).toContain(`${name}: a demo credential is not allowed in production`);
  });

  it('refuses a short secret, a short broker password, and a demo broker account', () => {
    expect(
      productionConfigProblems('creditor-adapter', {
        CREDITOR_API_TOKEN: 'fifteen-chars-x',
        AMQP_URL: 'amqp://creditor:short@broker',
        HUB_OIN: '00000001234567890000',
      }),
    ).toEqual([
      'CREDITOR_API_TOKEN: must be at least 16 characters in production',
      'AMQP_URL: the broker password must be at least 16 characters in production',
    ]);
    expect(productionConfigProblems('hub', { AMQP_URL: `amqp://demo-creditor:${STRONG}@broker` })).toEqual([
      'AMQP_URL: a demo credential is not allowed in production',
    ]);
  });

  it('requires HUB_OIN on the adapters only, and refuses the shared broker user on the hub only', () => {
    expect(
      productionConfigProblems('municipality-adapter', {
        MUNICIPALITY_API_TOKEN: STRONG,
        AMQP_URL: GOOD_AMQP,
      }),
    ).toEqual(['HUB_OIN: required in production (receipts are only believed when the hub signed them)']);
    expect(
      productionConfigProblems('hub', { AMQP_URL: GOOD_AMQP, HUB_ALLOW_SHARED_BROKER_USER: 'false' }),
    ).toEqual([]);
    expect(
      productionConfigProblems('hub', { AMQP_URL: GOOD_AMQP, HUB_ALLOW_SHARED_BROKER_USER: 'TRUE' }),
    ).toHaveLength(1);
  });

  it('refuses the demo portal passwords and short ones', () => {
    const base = { AMQP_URL: GOOD_AMQP, HUB_OIN: '00000001234567890000' };
    expect(
      productionConfigProblems('municipality-adapter', {
        ...base,
        MUNICIPALITY_API_TOKEN: STRONG,
        MUNICIPALITY_PORTAL_PASSWORD: 'demo-counsellor',
      }),
    ).toEqual([
      'MUNICIPALITY_PORTAL_PASSWORD: a demo credential is not allowed in production',
      'MUNICIPALITY_PORTAL_PASSWORD: must be at least 16 characters in production',
    ]);
    expect(
      productionConfigProblems('creditor-adapter', {
        ...base,
        CREDITOR_API_TOKEN: STRONG,
        CREDITOR_PORTAL_PASSWORD: 'demo-creditor-but-long-enough',
      }),
    ).toEqual(['CREDITOR_PORTAL_PASSWORD: a demo credential is not allowed in production']);
    expect(
      productionConfigProblems('creditor-adapter', {
        ...base,
        CREDITOR_API_TOKEN: STRONG,
        CREDITOR_PORTAL_PASSWORD: STRONG,
      }),
    ).toEqual([]);
  });

  it('requires AMQP_URL, whose default is the guest account', () => {
    expect(productionConfigProblems('hub', {})).toEqual([
      "AMQP_URL: required in production (the default is the broker's guest account)",
    ]);
  });
});
