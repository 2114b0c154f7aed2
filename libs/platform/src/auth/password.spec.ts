import { decoyHash, hashPassword, passwordRuleProblem, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
  });

  it('stores scrypt parameters and a fresh 16-byte salt in the hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    const parts = a.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(parts[4], 'base64')).toHaveLength(16);
    expect(a).not.toEqual(b);
  });

  it('refuses malformed stored values instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$abc$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', await decoyHash())).toBe(false);
  });
});

describe('password rules', () => {
  it('wants 12 characters, 16 in production', () => {
    expect(passwordRuleProblem('eleven-char', false)).toBe('password must be at least 12 characters');
    expect(passwordRuleProblem('twelve-chars', false)).toBeNull();
    expect(passwordRuleProblem('fifteen-chars-x', true)).toBe(
      'password must be at least 16 characters in production',
    );
    expect(passwordRuleProblem('sixteen-chars-xx', true)).toBeNull();
  });
});
