import type { AccountRecord } from '@skp/platform';
import type { OperatorRole } from '../access/roles.decorator';

/** An operator row as the service layer sees it (the password hash never leaves the auth code). */
export type OperatorRecord = AccountRecord<OperatorRole>;

export function toOperatorView(o: OperatorRecord) {
  return {
    id: o.id,
    username: o.username,
    role: o.role,
    createdAt: o.createdAt.toISOString(),
    lastLoginAt: o.lastLoginAt?.toISOString() ?? null,
    lockedUntil: o.lockedUntil && o.lockedUntil > new Date() ? o.lockedUntil.toISOString() : null,
    disabled: o.disabledAt !== null,
    disabledAt: o.disabledAt?.toISOString() ?? null,
  };
}
