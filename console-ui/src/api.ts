import type { CallLog, Lang, Me } from './types';

/** The session is not logged in (401, 403, or the server redirected us to the login page). */
export class UnauthorizedError extends Error {
  constructor() {
    super('not logged in');
    this.name = 'UnauthorizedError';
  }
}

/** The server answered with an unexpected status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const LOGIN_PAGE = '/login.html';

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, {
    credentials: 'same-origin',
    ...init,
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(init.headers ?? {}) },
  });
  if (response.status === 401 || response.status === 403 || (response.redirected && response.url.includes(LOGIN_PAGE))) {
    throw new UnauthorizedError();
  }
  if (!response.ok) {
    const detail = await response.text().catch(() => '');
    throw new ApiError(response.status, `${init.method ?? 'GET'} ${path} failed: ${response.status} ${detail}`.trim());
  }
  return response;
}

async function json<T>(path: string): Promise<T> {
  const response = await request(path);
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new UnauthorizedError(); // an HTML login page served in place of data
  return (await response.json()) as T;
}

/** GET /api/me: who is logged in. */
export function fetchMe(): Promise<Me> {
  return json<Me>('/api/me');
}

/** PUT /api/me/language: remembers the console language for this user. */
export async function saveLanguage(language: Lang): Promise<void> {
  await request('/api/me/language', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ language }),
  });
}

/** POST /api/logout: ends the session. */
export async function logout(): Promise<void> {
  await request('/api/logout', { method: 'POST' });
}

/** GET /api/calls: an agent's most recent calls, newest first. */
export function fetchRecentCalls(agent: string, size = 10): Promise<{ items: CallLog[]; total: number }> {
  return json(`/api/calls?agent=${encodeURIComponent(agent)}&size=${size}`);
}

/** Whether the session is still logged in (false only when the server says so, not when it is unreachable). */
export async function isLoggedIn(): Promise<boolean> {
  try {
    await fetchMe();
    return true;
  } catch (error) {
    if (error instanceof UnauthorizedError) return false;
    throw error;
  }
}

/** Leaves the console for the login page. */
export function goToLogin(): void {
  window.location.assign(LOGIN_PAGE);
}
