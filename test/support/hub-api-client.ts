/** A small typed fetch wrapper for the hub's operator API, used by the hub API and console tests. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  text: string;
}

export async function api<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: body as T, text };
}

export async function login(baseUrl: string, username: string, password: string): Promise<string> {
  const r = await api<{ token: string }>(baseUrl, 'POST', '/api/auth/login', {
    body: { username, password },
  });
  if (r.status !== 200) {
    throw new Error(`login as ${username} failed: ${r.status} ${r.text}`);
  }
  return r.body.token;
}

export interface RegisteredBroker {
  username: string;
  password: string;
}

/**
 * Registers a test party at the hub as an admin; returns the party's own broker account, which the
 * hub shows once (its clients and adapters connect with it).
 */
export async function registerParty(
  baseUrl: string,
  token: string,
  party: { oin: string; name: string; certPem: string; slug: string },
  kind: 'MUNICIPALITY' | 'CREDITOR',
  bsnAllowed: boolean,
): Promise<RegisteredBroker> {
  const r = await api<{ broker: RegisteredBroker }>(baseUrl, 'POST', '/api/parties', {
    token,
    body: { oin: party.oin, name: party.name, kind, bsnAllowed, certificatePem: party.certPem },
  });
  if (r.status !== 201) {
    throw new Error(`registering ${party.slug} failed: ${r.status} ${r.text}`);
  }
  return r.body.broker;
}
