/** An account row as the services see it (the password hash never leaves the auth code). */
export interface AccountRecord<R extends string = string> {
  id: string;
  username: string;
  passwordHash: string;
  role: R;
  failedAttempts: number;
  lockedUntil: Date | null;
  createdAt: Date;
  lastLoginAt: Date | null;
  disabledAt: Date | null;
}

/** The account behind a valid session token. */
export interface AccountSession<R extends string = string> {
  id: string;
  username: string;
  role: R;
  sessionExpiresAt: Date;
}

/**
 * Where one kind of account lives: the hub's operators (`operator`, `operator_session`,
 * `operator_id`, first account `admin`) or an adapter's portal users (`portal_user`,
 * `portal_session`, `user_id`, first account `editor`). Both tables have the same columns.
 */
export interface AccountTables<R extends string = string> {
  users: string;
  sessions: string;
  /** the session column that points at the account */
  sessionAccountColumn: string;
  /** the role of the first account, created while the table is empty */
  firstRole: R;
}
