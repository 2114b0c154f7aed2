import { hashPassword } from '../auth/password';
import type { AccountsRepository } from './accounts.repository';

/**
 * Creates the first account (with the repository's first role) from the environment's username
 * and password while no account exists. Answers `created`, `exists` (there are accounts, or
 * another instance just made the first), or `nobody` (none exists and the settings are missing:
 * nobody can log in, the caller warns).
 */
export async function ensureFirstAccount(
  accounts: AccountsRepository<string>,
  first: { username?: string; password?: string },
): Promise<'created' | 'exists' | 'nobody'> {
  const { username, password } = first;
  if (!username || !password) {
    return (await accounts.count()) === 0 ? 'nobody' : 'exists';
  }
  if ((await accounts.count()) > 0) {
    return 'exists';
  }
  return (await accounts.insertFirst(username, await hashPassword(password))) ? 'created' : 'exists';
}
