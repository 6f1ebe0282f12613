/**
 * What the login page says after a redirect to it: nothing, a refused login, a throttled one, an ended session, or that
 * logging in is not possible just now (Cuecard cannot reach its database).
 */
export type LoginNotice =
  | { kind: 'none' }
  | { kind: 'error' }
  | { kind: 'throttled'; minutes: number }
  | { kind: 'ended' }
  | { kind: 'unavailable' };

/**
 * Reads the login page's query: `?error` (wrong user name or password), `?throttled=<seconds>` (too many failed
 * attempts from here; the server's Retry-After), `?ended` (the console's session ended), `?unavailable` (the
 * service is temporarily unavailable: the login could not be checked).
 */
export function loginNotice(search: string): LoginNotice {
  const query = new URLSearchParams(search);
  if (query.has('throttled')) {
    const seconds = Number(query.get('throttled'));
    return { kind: 'throttled', minutes: Math.max(1, Math.ceil((Number.isFinite(seconds) && seconds > 0 ? seconds : 60) / 60)) };
  }
  if (query.has('error')) return { kind: 'error' };
  if (query.has('unavailable')) return { kind: 'unavailable' };
  if (query.has('ended')) return { kind: 'ended' };
  return { kind: 'none' };
}
