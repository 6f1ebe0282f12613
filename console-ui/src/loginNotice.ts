/** What the login page says after a redirect to it: nothing, a refused login, a throttled one, or an ended session. */
export type LoginNotice =
  | { kind: 'none' }
  | { kind: 'error' }
  | { kind: 'throttled'; minutes: number }
  | { kind: 'ended' };

/**
 * Reads the login page's query: `?error` (wrong user name or password), `?throttled=<seconds>` (too many failed
 * attempts from here; the server's Retry-After), `?ended` (the console's session ended).
 */
export function loginNotice(search: string): LoginNotice {
  const query = new URLSearchParams(search);
  if (query.has('throttled')) {
    const seconds = Number(query.get('throttled'));
    return { kind: 'throttled', minutes: Math.max(1, Math.ceil((Number.isFinite(seconds) && seconds > 0 ? seconds : 60) / 60)) };
  }
  if (query.has('error')) return { kind: 'error' };
  if (query.has('ended')) return { kind: 'ended' };
  return { kind: 'none' };
}
