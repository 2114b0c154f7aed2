import type { OperatorRole } from '../access/roles.decorator';

/** An operator row as the service layer sees it (the password hash never leaves the repository's callers). */
export interface OperatorRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: OperatorRole;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

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
