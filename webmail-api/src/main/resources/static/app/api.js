// The user API of webmail-api: the session cookie goes along by itself; every unsafe request carries
// the CSRF token in the header the login named; errors are RFC 9457 problems.

const SAFE = new Set(['GET', 'HEAD']);
let csrf = { header: 'X-XSRF-TOKEN', token: null };
let unauthorized = () => {};

export class ApiError extends Error {
  constructor(status, detail, field) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.field = field;
  }
}

/** Called when a request is refused for want of a login (the session ended). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export function rememberSession(session) {
  csrf = { header: session.csrfHeader || 'X-XSRF-TOKEN', token: session.csrfToken };
}

/** The token in the XSRF-TOKEN cookie (the server may renew it), else the one the login answered. */
function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : csrf.token;
}

/**
 * @param body a plain object (sent as JSON), FormData (multipart) or undefined
 * @returns the JSON answer, null for 204, or a Blob for other types
 */
export async function api(method, path, body, accept = 'application/json') {
  const headers = { Accept: accept, 'X-Requested-With': 'XMLHttpRequest' };
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (!SAFE.has(method)) {
    const token = csrfToken();
    if (token) headers[csrf.header] = token;
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'The server cannot be reached');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    if (response.status === 401 && path !== '/api/session') unauthorized();
    throw new ApiError(response.status, problem.detail || problem.title, problem.field);
  }
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.blob();
}

/** A part or message as a Blob, whatever its type. */
export const download = (path) => api('GET', path, undefined, '*/*');

export const mailboxPath = (mailbox) => `/api/mailboxes/${encodeURIComponent(mailbox)}`;
export const messagePath = (mailbox, uid) => `${mailboxPath(mailbox)}/messages/${uid}`;
