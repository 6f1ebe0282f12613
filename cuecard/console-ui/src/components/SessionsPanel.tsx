import { useEffect, useState } from 'react';
import { UnauthorizedError, endAllSessions, endSession, errorMessage, fetchSessions, goToLogin } from '../api';
import type { Translate } from '../i18n';
import type { SessionInfo } from '../types';
import { DataTable, ProblemLine, StatusLine } from './Feedback';

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC');

/** An admin's view of one user's active sessions: when and from where, ending one or all (their consoles close). */
export function SessionsPanel({ username, t, onClose }: { username: string; t: Translate; onClose: () => void }) {
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchSessions(username).then(
      (list) => {
        if (!cancelled) setSessions(Array.isArray(list) ? list : []);
      },
      (failure) => {
        if (cancelled) return;
        if (failure instanceof UnauthorizedError) goToLogin();
        else setError(t('sessions.loadFailed', { error: errorMessage(failure) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [username, reloads, t]);

  const act = async (action: () => Promise<string>) => {
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
      setReloads((n) => n + 1);
    } catch (failure) {
      if (failure instanceof UnauthorizedError) goToLogin();
      else setError(errorMessage(failure));
    }
  };
  const endOne = (id: string) =>
    act(async () => {
      await endSession(id);
      return t('sessions.ended');
    });
  const endAll = () => {
    if (!window.confirm(t('sessions.confirmEndAll', { username }))) return;
    void act(async () => t('sessions.allEnded', { count: await endAllSessions(username) }));
  };

  return (
    <section className="card sessions" data-testid="sessions-panel" data-username={username}>
      <div className="section-head">
        <h2>{t('sessions.title', { username })}</h2>
        <button
          type="button"
          className="button subtle danger push-right"
          data-testid="sessions-end-all"
          disabled={!sessions || sessions.length === 0}
          onClick={endAll}
        >
          {t('sessions.endAll')}
        </button>
        <button type="button" className="button subtle" onClick={onClose}>
          {t('sessions.close')}
        </button>
      </div>
      <StatusLine text={notice} testId="sessions-notice" />
      <ProblemLine text={error} testId="sessions-error" />
      {sessions && sessions.length === 0 && <p className="muted">{t('sessions.none')}</p>}
      {sessions && sessions.length > 0 && (
        <DataTable
          testId="sessions-table"
          headings={[t('sessions.created'), t('sessions.lastSeen'), t('sessions.address'), t('sessions.userAgent'), t('agents.actions')]}
        >
          {sessions.map((session) => (
            <tr key={session.id} data-testid="sessions-row" data-session-id={session.id}>
              <td className="mono">{when(session.createdAt)}</td>
              <td className="mono">{when(session.lastSeenAt)}</td>
              <td className="mono">{session.address ?? '—'}</td>
              <td className="user-agent" title={session.userAgent ?? undefined}>
                {session.userAgent ?? '—'}
              </td>
              <td className="row-actions">
                <button type="button" className="button subtle danger" data-testid="session-end" onClick={() => void endOne(session.id)}>
                  {t('sessions.end')}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
