import { publisherAccountProblem } from './publisher-account';

describe('publisherAccountProblem', () => {
  const sender = '00000099100000000001';
  const other = '00000099200000000002';
  const strict = { prefix: 'skp', allowShared: false };
  const shared = { prefix: 'skp', allowShared: true };

  it("accepts only the sender's own account in strict mode", () => {
    expect(publisherAccountProblem(`skp-${sender}`, sender, strict)).toBeNull();
    expect(publisherAccountProblem(undefined, sender, strict)).toMatch(/without user_id/);
    expect(publisherAccountProblem('guest', sender, strict)).toMatch(/not the sender's own/);
    expect(publisherAccountProblem(`other-${sender}`, sender, strict)).toMatch(/not the sender's own/);
    expect(publisherAccountProblem(`skp-${other}`, sender, strict)).toMatch(/another party/);
  });

  it('lets a shared account through only with the escape hatch, never another party', () => {
    expect(publisherAccountProblem(undefined, sender, shared)).toBeNull();
    expect(publisherAccountProblem('guest', sender, shared)).toBeNull();
    expect(publisherAccountProblem(`skp-${sender}`, sender, shared)).toBeNull();
    expect(publisherAccountProblem(`skp-${other}`, sender, shared)).toMatch(/another party/);
  });
});
