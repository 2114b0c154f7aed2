// The API client of the hub console and the portals. The session (a bearer token, the role and the
// username; never personal data) lives in sessionStorage: gone when the tab closes. Each app is its
// own origin (port), so the keys never mix between apps.

const TOKEN = 'skp.session.token';
const ROLE = 'skp.session.role';
const USER = 'skp.session.user';

const EDITING_ROLES = new Set(['editor', 'admin']);

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
  /** May change things: a portal editor or a hub admin. The server decides; this only hides buttons. */
  get canEdit() {
    return EDITING_ROLES.has(sessionStorage.getItem(ROLE));
  },
  save({ token, role, username }) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(ROLE, role);
    sessionStorage.setItem(USER, username);
  },
  clear() {
    for (const handler of clearHandlers) {
      handler();
    }
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(ROLE);
    sessionStorage.removeItem(USER);
  },
};

const clearHandlers = [];
/** Runs `handler` whenever the session ends (to drop what was cached for it). */
export function whenSessionEnds(handler) {
  clearHandlers.push(handler);
}

export class ApiError extends Error {
  constructor(status, body) {
    const message = Array.isArray(body?.message)
      ? body.message.join('; ')
      : (body?.message ?? `HTTP ${status}`);
    super(message);
    this.status = status;
    this.body = body;
    /** The common error body's broken rules: [{field, rule, message}] */
    this.violations = Array.isArray(body?.violations) ? body.violations : [];
  }
}

let onUnauthorized = () => {};
let loginPaths = new Set();
/** Called on a 401 from any route but the login route itself: the session has ended. */
export function whenUnauthorized(handler, loginPath) {
  onUnauthorized = handler;
  loginPaths = new Set([loginPath]);
}

function headers(extra = {}) {
  const all = { accept: 'application/json', ...extra };
  if (session.token) {
    all.authorization = `Bearer ${session.token}`;
  }
  return all;
}

function parse(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return { message: text };
  }
}

function settle(path, status, data) {
  if (status === 401 && !loginPaths.has(path)) {
    session.clear();
    onUnauthorized();
  }
  if (status < 200 || status >= 300) {
    throw new ApiError(status, data);
  }
  return data;
}

/** A JSON request; resolves to the parsed answer, rejects with an ApiError. */
export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return settle(path, response.status, parse(await response.text()));
}

/**
 * Sends a text file (CSV) and reports the real upload progress (0..1) as the browser sends it;
 * resolves to the parsed JSON answer.
 */
export function apiUpload(path, text, contentType, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(headers({ 'content-type': contentType }))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    });
    xhr.addEventListener('load', () => {
      onProgress(1);
      try {
        resolve(settle(path, xhr.status, parse(xhr.responseText)));
      } catch (error) {
        reject(error);
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { message: 'network error' })));
    xhr.send(new Blob([text], { type: contentType }));
  });
}

/** A file from the API (a CSV export) as a Blob, fetched with the session's token. */
export async function apiBlob(path) {
  const response = await fetch(path, { headers: headers({ accept: '*/*' }) });
  if (!response.ok) {
    settle(path, response.status, parse(await response.text()));
  }
  return response.blob();
}

export function query(params) {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}
