import type { AccountRecord } from '../accounts/account';

/** What a portal user may do: `viewer` reads, `editor` also changes. */
export const PORTAL_ROLES = ['viewer', 'editor'] as const;
export type PortalRole = (typeof PORTAL_ROLES)[number];

export function isPortalRole(value: string): value is PortalRole {
  return (PORTAL_ROLES as readonly string[]).includes(value);
}

/** A portal user row as the services see it (the password hash never leaves the auth code). */
export type PortalUserRecord = AccountRecord<PortalRole>;

/** A portal user as a list shows it: no hash, a lock only while it holds. */
export function toPortalUserView(u: PortalUserRecord, now = new Date()) {
  return {
    username: u.username,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    disabled: u.disabledAt !== null,
  };
}

/**
 * Who made a request to an adapter: a machine client with the adapter's API token (acts as an
 * editor, has no session) or a portal user with a session.
 */
export type PortalPrincipal =
  | { kind: 'api'; role: 'editor' }
  | { kind: 'user'; id: string; username: string; role: PortalRole; sessionExpiresAt: Date };

export type PortalUserPrincipal = Extract<PortalPrincipal, { kind: 'user' }>;
