/**
 * One audit entry of the account code (login, logout, password change, lockout): who (null when
 * unknown), what, the target username, the HTTP status where the audit keeps one, and details
 * (never a password or any other typed-in value).
 */
export interface AccountAuditEntry {
  username: string | null;
  action: string;
  target: string | null;
  status: number | null;
  detail: Record<string, unknown> | null;
}

/** Where the account code writes its audit: the hub's `audit_log` or an adapter's `portal_audit`. */
export interface AccountAuditSink {
  record(entry: AccountAuditEntry): Promise<void>;
}
