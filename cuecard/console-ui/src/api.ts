import { callsQuery } from './callQuery';
import type * as Rest from './generated/rest';
import type {
  Agent,
  AgentChanges,
  CallFilters,
  CallLog,
  CallPage,
  FieldError,
  Lang,
  Me,
  NoteTemplate,
  SessionInfo,
  ScriptSummary,
  ScriptVersion,
} from './types';

/** The session is not logged in (401, 403, or the server redirected us to the login page). */
export class UnauthorizedError extends Error {
  constructor() {
    super('not logged in');
    this.name = 'UnauthorizedError';
  }
}

/** The server answered with an error status; the message is the server's own `error` text when it gave one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Validation errors field by field, when the server gave them (`fields` of a 400 body). */
    readonly fields: FieldError[] = [],
    /** A 429's `Retry-After`, in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The `error` (and `fields`) of a `{"error": "...", "fields": [...]}` body, or null when the body is something else. */
function serverError(body: string): { error: string; fields: FieldError[] } | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string') {
      const { error, fields } = parsed as { error: string; fields?: unknown };
      const valid = Array.isArray(fields)
        ? fields.filter(
            (f): f is FieldError =>
              Boolean(f) && typeof (f as FieldError).field === 'string' && typeof (f as FieldError).message === 'string',
          )
        : [];
      return { error, fields: valid };
    }
  } catch {
    // not JSON
  }
  return null;
}

/** What to tell the user about a failed request: the server's error text, or the network error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
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
    const error = serverError(detail);
    const retryAfter = Number(response.headers.get('Retry-After'));
    if (error !== null) {
      throw new ApiError(response.status, error.error, error.fields, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
    }
    console.warn(`cuecard: ${init.method ?? 'GET'} ${path} answered ${response.status}`, detail);
    throw new ApiError(response.status, `${init.method ?? 'GET'} ${path} failed: HTTP ${response.status}`);
  }
  return response;
}

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await request(path, init);
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
    body: JSON.stringify({ language } satisfies Rest.Requests['PUT /api/me/language']),
  });
}

/** POST /api/logout: ends the session. */
export async function logout(): Promise<void> {
  await request('/api/logout', { method: 'POST' });
}

/**
 * PUT /api/me/password: the user's own new password. The server ends the user's other sessions and renews this one
 * (its answer sets a fresh cookie, which the browser takes). A wrong current password is a 400 with `fields`, a
 * throttled attempt a 429 with `retryAfterSeconds`.
 */
export async function changePassword(current: string, next: string): Promise<void> {
  await request('/api/me/password', {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ current, new: next } satisfies Rest.Requests['PUT /api/me/password']),
  });
}

/** GET /api/users/{username}/sessions: a user's active sessions (admins). */
export function fetchSessions(username: string): Promise<SessionInfo[]> {
  return json(`/api/users/${encodeURIComponent(username)}/sessions`);
}

/** DELETE /api/sessions/{id}: ends one session (admins). */
export async function endSession(id: string): Promise<void> {
  await request(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** DELETE /api/users/{username}/sessions: ends every session of a user (admins); resolves to how many. */
export async function endAllSessions(username: string): Promise<number> {
  const answer = await json<Rest.Responses['DELETE /api/users/{username}/sessions']>(`/api/users/${encodeURIComponent(username)}/sessions`, { method: 'DELETE' });
  return typeof answer?.ended === 'number' ? answer.ended : 0;
}
/** GET /api/calls: an agent's most recent calls, newest first. */
export function fetchRecentCalls(agent: string, size = 10): Promise<CallPage> {
  return json(`/api/calls?agent=${encodeURIComponent(agent)}&size=${size}`);
}

/** GET /api/calls with filters and paging (supervisors and admins read every agent's calls). */
export function fetchCalls(filters: CallFilters, page: number, size: number): Promise<CallPage> {
  return json(`/api/calls?${callsQuery(filters, page, size)}`);
}

/** GET /api/calls/{id}: one logged call with its notes, hits, stages, flags and timeline. */
export function fetchCall(id: string): Promise<CallLog> {
  return json(`/api/calls/${encodeURIComponent(id)}`);
}

/** GET /api/agents: every agent, by user name. */
export function fetchAgents(): Promise<Agent[]> {
  return json('/api/agents');
}

const sendJson = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** POST /api/agents: creates an agent and their console user. */
export function createAgent(agent: AgentChanges): Promise<Agent> {
  return json('/api/agents', sendJson('POST', agent));
}

/** PUT /api/agents/{username}: changes only the fields given. */
export function updateAgent(username: string, changes: AgentChanges): Promise<Agent> {
  return json(`/api/agents/${encodeURIComponent(username)}`, sendJson('PUT', changes));
}

/** DELETE /api/agents/{username}. */
export async function deleteAgent(username: string): Promise<void> {
  await request(`/api/agents/${encodeURIComponent(username)}`, { method: 'DELETE' });
}

/** GET /api/note-templates: the structured note templates (consulting, rescue, complaint types). */
export function fetchNoteTemplates(): Promise<NoteTemplate[]> {
  return json('/api/note-templates');
}

const scriptPath = (id: string) => `/api/scripts/${encodeURIComponent(id)}`;

/** GET /api/scripts: every script, in its latest version. */
export function fetchScripts(): Promise<ScriptSummary[]> {
  return json('/api/scripts');
}

/** GET /api/scripts/{id}: the latest version of a script (the script format, as JSON). */
export function fetchScript(id: string): Promise<Record<string, unknown>> {
  return json(scriptPath(id));
}

/** GET /api/scripts/{id}/versions: every saved version, as the server lists them. */
export function fetchScriptVersions(id: string): Promise<ScriptVersion[]> {
  return json(`${scriptPath(id)}/versions`);
}

/** GET /api/scripts/{id}/versions/{version}: one saved version. */
export function fetchScriptVersion(id: string, version: number): Promise<Record<string, unknown>> {
  return json(`${scriptPath(id)}/versions/${version}`);
}

/** PUT /api/scripts/{id}: saves a new version; the answer carries its `version`. A 400 has `fields` errors. */
export function saveScript(id: string, script: unknown): Promise<Record<string, unknown>> {
  return json(scriptPath(id), sendJson('PUT', script));
}

/** POST /api/scripts: imports a new script from a file's text (YAML when the file name says so, else JSON). */
export function importScript(fileName: string, text: string): Promise<Record<string, unknown>> {
  const yaml = /\.ya?ml$/i.test(fileName);
  return json('/api/scripts', {
    method: 'POST',
    headers: { 'Content-Type': yaml ? 'application/yaml' : 'application/json' },
    body: text,
  });
}

/** Where a script can be downloaded as JSON or YAML. */
export function scriptExportUrl(id: string, format: 'json' | 'yaml'): string {
  return `${scriptPath(id)}/export?format=${format}`;
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

/** The login page telling the user that their session ended (logged out elsewhere, password or roles changed, an admin). */
export const SESSION_ENDED_PAGE = `${LOGIN_PAGE}?ended`;

/**
 * Leaves the console for the login page. Unless the user logged out here (`ended` false), the session ended
 * under them (a 401, or the console socket closed with 4401): the login page says so.
 */
export function goToLogin(ended = true): void {
  window.location.assign(ended ? SESSION_ENDED_PAGE : LOGIN_PAGE);
}
