import {
  brokerUsernameOf,
  brokerVhostOf,
  generateBrokerPassword,
  partyBrokerPermissions,
  withBrokerCredentials,
} from './broker-management';

describe('broker account helpers', () => {
  it('reads the account and vhost from an AMQP URL', () => {
    expect(brokerUsernameOf('amqp://guest:guest@127.0.0.1:5672')).toBe('guest');
    expect(brokerUsernameOf('amqp://127.0.0.1')).toBe('guest');
    expect(brokerUsernameOf('amqps://skp-0001:pw@broker/')).toBe('skp-0001');
    expect(brokerVhostOf('amqp://guest:guest@127.0.0.1:5672')).toBe('/');
    expect(brokerVhostOf('amqp://guest:guest@127.0.0.1:5672/')).toBe('/');
    expect(brokerVhostOf('amqp://h/skp%2Fprod')).toBe('skp/prod');
  });

  it('puts credentials with URL-special characters into an AMQP URL', () => {
    const url = withBrokerCredentials('amqp://guest:guest@127.0.0.1:5672', {
      username: 'skp-00000099100000000001',
      password: 'a/b:c@d',
    });
    expect(brokerUsernameOf(url)).toBe('skp-00000099100000000001');
    expect(decodeURIComponent(new URL(url).password)).toBe('a/b:c@d');
  });

  it('grants least privilege, with the prefix escaped as a regex', () => {
    const oin = '00000099100000000001';
    const permissions = partyBrokerPermissions('skp_test.x', oin);
    expect(permissions).toEqual({
      configure: '^$',
      write: '^skp_test\\.x\\.inbound$',
      read: `^skp_test\\.x\\.party\\.${oin}$`,
    });
    const write = new RegExp(permissions.write);
    expect(write.test('skp_test.x.inbound')).toBe(true);
    expect(write.test('skp_testAx.inbound')).toBe(false);
    expect(write.test('skp_test.x.deliver')).toBe(false);
    expect(new RegExp(permissions.read).test(`skp_test.x.party.${oin}`)).toBe(true);
    expect(new RegExp(permissions.read).test('skp_test.x.party.00000099200000000002')).toBe(false);
  });

  it('generates long, different passwords', () => {
    const a = generateBrokerPassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generateBrokerPassword()).not.toBe(a);
  });
});
