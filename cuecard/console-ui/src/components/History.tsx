import { formatCallTime, formatDuration } from '../format';
import type { Translate } from '../i18n';
import type { CallLog, Lang } from '../types';

/** How many forbidden phrases the call's notes had. */
export function hitCount(call: CallLog): number {
  const notesHits = typeof call.notes === 'object' ? call.notes?.hits : undefined;
  return call.hitCount ?? call.forbiddenHits?.length ?? notesHits?.length ?? 0;
}

/** The agent's recent calls, newest first. */
export function History({
  calls,
  failed,
  lang,
  t,
}: {
  calls: CallLog[] | null;
  failed: boolean;
  lang: Lang;
  t: Translate;
}) {
  return (
    <section className="card history" data-testid="history">
      <h2>{t('history.title')}</h2>
      {failed && <p className="muted error-text">{t('history.loadFailed')}</p>}
      {calls && calls.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {calls && calls.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('history.time')}</th>
              <th>{t('history.number')}</th>
              <th>{t('history.direction')}</th>
              <th>{t('history.outcome')}</th>
              <th className="num">{t('history.talk')}</th>
              <th className="num">{t('history.hits')}</th>
            </tr>
          </thead>
          <tbody>
            {calls.map((call) => {
              const hits = hitCount(call);
              return (
                <tr key={call.id} data-testid="history-row" data-call-id={call.id}>
                  <td>{formatCallTime(call.startedAt, lang)}</td>
                  <td className="mono">{call.customerNumber || '—'}</td>
                  <td>{call.direction ? t(`direction.${call.direction}`) : '—'}</td>
                  <td>{call.outcome ?? (call.abandoned ? 'abandoned' : '—')}</td>
                  <td className="num mono">{formatDuration(call.talkSeconds)}</td>
                  <td className={`num${hits > 0 ? ' has-hits' : ''}`}>{hits}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
