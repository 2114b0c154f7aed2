// The operator API client. The session token lives in sessionStorage: gone when the tab closes.

const TOKEN = 'skp.console.token';
const ROLE = 'skp.console.role';
const USER = 'skp.console.user';

let metaRequest;

export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN);
  },
  get role() {
    return sessionStorage.getItem(ROLE);
  },
  get username() {
    return sessionStorage.getItem(USER);
  },
  get isAdmin() {
    return sessionStorage.getItem(ROLE) === 'admin';
  },
  save({ token, role, username }) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(ROLE, role);
    sessionStorage.setItem(USER, username);
  },
  clear() {
    metaRequest = undefined;
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(ROLE);
    sessionStorage.removeItem(USER);
  },
};

export class ApiError extends Error {
  constructor(status, body) {
    const message = Array.isArray(body?.message)
      ? body.message.join('; ')
      : (body?.message ?? `HTTP ${status}`);
    super(message);
    this.status = status;
    this.body = body;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

export async function api(method, path, body) {
  const headers = { accept: 'application/json' };
  if (session.token) {
    headers.authorization = `Bearer ${session.token}`;
  }
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (response.status === 401 && path !== '/api/auth/login') {
    session.clear();
    onUnauthorized();
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

/**
 * The hub's enumerations (message types and states, reason codes, party kinds and statuses,
 * operator roles) from GET /api/meta: fetched once after login, so the console copies none.
 */
export function meta() {
  metaRequest ??= api('GET', '/api/meta').catch((error) => {
    metaRequest = undefined;
    throw error;
  });
  return metaRequest;
}

export function query(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}
