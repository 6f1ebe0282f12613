import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { UnauthorizedError, errorMessage, fetchCall, goToLogin } from '../api';
import { formatDateTime, formatDuration, formatTimeOfDay, secondsBetween, textLang } from '../format';
import { segment } from '../highlight';
import { isTextKey, type Translate } from '../i18n';
import type { CallLog, Hit, Lang, StageEntry } from '../types';
import { HitsList } from './HitsList';
import { MarkedSegments } from './MarkedSegments';

/** A code from the server (outcome, hangup side) in words when the console knows it, else as it came. */
export function codeText(t: Translate, prefix: 'outcome' | 'hangupBy', code: string | null | undefined): string {
  if (!code) return '—';
  const key = `${prefix}.${code}`;
  return isTextKey(key) ? t(key) : code;
}

/** A flag's rule in words when the console knows it, else the rule code as it came. */
export function flagLabel(t: Translate, rule: string): string {
  const key = `flag.${rule}`;
  return isTextKey(key) ? t(key) : rule;
}

/** The script a logged call ran with, as "id v3"; null when the log does not say. */
export function scriptText(t: Translate, script: CallLog['script']): string | null {
  if (!script?.id) return null;
  return script.version != null ? `${script.id} ${t('scripts.versionN', { version: script.version })}` : script.id;
}

/** The notes text of a logged call (the log sends a string; a live frame an object). */
export function notesText(call: CallLog): string {
  return typeof call.notes === 'string' ? call.notes : (call.notes?.text ?? '');
}

/** The forbidden-phrase hits of a logged call's notes. */
export function notesHits(call: CallLog): Hit[] {
  if (call.forbiddenHits) return call.forbiddenHits;
  return typeof call.notes === 'object' && call.notes ? call.notes.hits : [];
}

/**
 * When a logged call ended: its end time, or "ended between … and …" for a call that ended while Cuecard could not see
 * the PBX (the last moment it was seen up, and when Cuecard saw it gone).
 */
export function endedText(t: Translate, call: Pick<CallLog, 'endedAt' | 'endedAfter' | 'endedBefore'>, lang: Lang): ReactNode {
  if (call.endedAfter && call.endedBefore) {
    return (
      <span data-testid="ended-between" title={t('detail.endedBetweenHint')}>
        {t('detail.endedBetween', {
          after: formatDateTime(call.endedAfter, lang),
          before: formatDateTime(call.endedBefore, lang),
        })}
      </span>
    );
  }
  return formatDateTime(call.endedAt, lang);
}

/** Every leg's recording in the order they started; a server that names only the first gives that one. */
export function recordingsOf(call: Pick<CallLog, 'recording' | 'recordings'>): string[] {
  if (call.recordings && call.recordings.length > 0) {
    return call.recordings;
  }
  return call.recording ? [call.recording] : [];
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The call's stage visits in order, longer ones wider (on a square-root scale, so short ones stay readable). */
function StageTimeline({ stages, endedAt, lang, t }: { stages: StageEntry[]; endedAt: string | null; lang: Lang; t: Translate }) {
  if (stages.length === 0) return null;
  return (
    <ol className="stage-timeline" aria-label={t('call.stages')} data-testid="stage-timeline">
      {stages.map((entry, index) => {
        const until = entry.leftAt ?? endedAt;
        const seconds = until ? secondsBetween(entry.enteredAt, Date.parse(until)) : null;
        return (
          <li
            key={`${entry.stage}-${entry.enteredAt}-${index}`}
            className={`stage-visit stage-visit-${entry.stage}`}
            style={{ flexGrow: Math.sqrt(Math.min(Math.max(seconds ?? 1, 1), 3600)) }}
            data-stage={entry.stage}
            title={`${formatDateTime(entry.enteredAt, lang)} → ${formatDateTime(until, lang)}`}
          >
            <span className="stage-visit-name">
              {t(`stage.${entry.stage}`)}
              {entry.phraseConfirmed && (
                <span className="stage-visit-said" title={t('detail.phraseConfirmed')} aria-label={t('detail.phraseConfirmed')}>
                  {' ✓'}
                </span>
              )}
            </span>
            <span className="stage-visit-meta mono">{formatDuration(seconds)}</span>
            {entry.agent && <span className="stage-visit-meta">{entry.agent}</span>}
          </li>
        );
      })}
    </ol>
  );
}

/** The notes as written, forbidden phrases marked, with the list of what was found. */
function NotesView({ text, hits, t }: { text: string; hits: Hit[]; t: Translate }) {
  const segments = useMemo(() => segment(text, hits), [text, hits]);
  if (!text) return <p className="muted">{t('detail.notesEmpty')}</p>;
  return (
    <>
      <div className="notes-view" lang={textLang(text)} data-testid="detail-notes">
        <MarkedSegments segments={segments} t={t} />
      </div>
      <HitsList hits={hits} t={t} />
    </>
  );
}

/** Everything the call log knows about one call, for supervisors reviewing it. */
export function CallDetail({ id, lang, t, onClose }: { id: string; lang: Lang; t: Translate; onClose: () => void }) {
  const [call, setCall] = useState<CallLog | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setCall(null);
    setError(null);
    fetchCall(id).then(
      (loaded) => {
        if (!cancelled) setCall(loaded);
      },
      (failure) => {
        if (cancelled) return;
        if (failure instanceof UnauthorizedError) goToLogin();
        else setError(errorMessage(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  const dash = (value: ReactNode) => (value === null || value === undefined || value === '' ? '—' : value);
  return (
    <section className="card call-detail" data-testid="call-detail" data-call-id={id}>
      <div className="section-head">
        <h2>{t('detail.title')}</h2>
        <span className="mono muted">{id}</span>
        <button type="button" className="button subtle push-right" onClick={onClose}>
          {t('detail.close')}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="detail-error">
          {t('detail.loadFailed', { error })}
        </p>
      )}
      {!call && !error && <p className="muted">{t('calls.loading')}</p>}
      {call && (
        <>
          <header className="call-head">
            <div>
              <div className="call-label">{t('call.customer')}</div>
              <div className="call-number">{call.customerNumber || t('call.unknownNumber')}</div>
            </div>
            <div className="call-meta">
              {call.direction && (
                <span className={`badge direction-${call.direction}`}>{t(`direction.${call.direction}`)}</span>
              )}
              {call.queue && (
                <span className="call-source">
                  {t('call.queue')}: <strong>{call.queue}</strong>
                </span>
              )}
              {call.campaign && (
                <span className="call-source">
                  {t('call.campaign')}: <strong>{call.campaign}</strong>
                </span>
              )}
            </div>
          </header>

          {(call.flags?.length ?? 0) > 0 && (
            <div className="flags" role="alert">
              <h3>{t('detail.flags')}</h3>
              <ul>
                {call.flags!.map((flag, index) => (
                  <li key={`${flag.rule}-${index}`} className="flag" data-testid="flag" data-rule={flag.rule}>
                    <strong data-testid="flag-label" title={flag.rule}>
                      {flagLabel(t, flag.rule)}
                    </strong>
                    <span className="muted">{formatDateTime(flag.at, lang)}</span>
                    {flag.detail && <span>{flag.detail}</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}

          <dl className="detail-facts">
            <Fact label={t('detail.agents')}>{dash(call.agents?.join(', '))}</Fact>
            <Fact label={t('detail.placedBy')}>{dash(call.placedBy)}</Fact>
            <Fact label={t('detail.startedAt')}>{formatDateTime(call.startedAt, lang)}</Fact>
            <Fact label={t('detail.answeredAt')}>{formatDateTime(call.answeredAt, lang)}</Fact>
            <Fact label={t('detail.endedAt')}>{endedText(t, call, lang)}</Fact>
            <Fact label={t('detail.wait')}>{formatDuration(call.waitSeconds)}</Fact>
            <Fact label={t('detail.talk')}>{formatDuration(call.talkSeconds)}</Fact>
            <Fact label={t('detail.holds')}>
              {t('detail.holdValue', { count: call.holdCount ?? 0, time: formatDuration(call.holdSeconds ?? 0) })}
            </Fact>
            <Fact label={t('detail.outcome')}>{codeText(t, 'outcome', call.outcome)}</Fact>
            <Fact label={t('detail.hangupBy')}>{codeText(t, 'hangupBy', call.hangupBy)}</Fact>
            <Fact label={t('detail.recording')}>
              {recordingsOf(call).length === 0 ? (
                <span className="mono">{dash(null)}</span>
              ) : (
                recordingsOf(call).map((file) => (
                  <div key={file} className="mono" data-testid="recording">
                    {file}
                  </div>
                ))
              )}
            </Fact>
            <Fact label={t('wrapUp.disposition')}>{call.disposition || t('detail.noDisposition')}</Fact>
            <Fact label={t('detail.script')}>
              <span className="mono" data-testid="detail-script">
                {dash(scriptText(t, call.script))}
              </span>
            </Fact>
            {call.noteTemplate && (
              <Fact label={t('notes.template')}>
                <span className="mono">{call.noteTemplate}</span>
              </Fact>
            )}
          </dl>

          <h3 className="detail-heading">{t('call.stages')}</h3>
          <StageTimeline stages={call.stages ?? []} endedAt={call.endedAt ?? null} lang={lang} t={t} />

          {(call.transfers?.length ?? 0) > 0 && (
            <>
              <h3 className="detail-heading">{t('detail.transfers')}</h3>
              <table className="data-table" data-testid="transfers">
                <thead>
                  <tr>
                    <th>{t('history.time')}</th>
                    <th>{t('detail.transferType')}</th>
                    <th>{t('detail.transferFrom')}</th>
                    <th>{t('detail.transferTo')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {call.transfers!.map((transfer, index) => (
                    <tr key={`${transfer.at}-${index}`}>
                      <td>{formatDateTime(transfer.at, lang)}</td>
                      <td>{transfer.type}</td>
                      <td className="mono">{transfer.from}</td>
                      <td className="mono">{transfer.to}</td>
                      <td>{t(transfer.answered ? 'detail.transferAnswered' : 'detail.transferNotAnswered')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          <div className="section-head detail-heading">
            <h3>{t('notes.title')}</h3>
            {notesText(call) && !call.notesFinal && <span className="tag">{t('detail.notesDraft')}</span>}
          </div>
          <NotesView text={notesText(call)} hits={notesHits(call)} t={t} />
          {call.noteFields && Object.keys(call.noteFields).length > 0 && (
            <dl className="detail-facts note-fields-view" data-testid="detail-note-fields">
              {Object.entries(call.noteFields).map(([field, value]) => (
                <Fact key={field} label={field}>
                  {dash(value)}
                </Fact>
              ))}
            </dl>
          )}
          {call.justification && (
            <p className="justification-view" data-testid="detail-justification">
              <strong>{t('wrapUp.justification')}: </strong>
              {call.justification}
            </p>
          )}

          {(call.timeline?.length ?? 0) > 0 && (
            <details className="timeline" data-testid="timeline">
              <summary>{t('detail.timeline', { count: call.timeline!.length })}</summary>
              <table className="data-table">
                <thead>
                  <tr>
                    <th>{t('history.time')}</th>
                    <th>{t('detail.event')}</th>
                    <th>{t('call.agent')}</th>
                    <th>{t('detail.channel')}</th>
                    <th>{t('detail.detail')}</th>
                  </tr>
                </thead>
                <tbody>
                  {call.timeline!.map((entry, index) => (
                    <tr key={`${entry.at}-${index}`} data-testid="timeline-entry">
                      <td className="mono" title={formatDateTime(entry.at, lang)}>
                        {formatTimeOfDay(entry.at, lang)}
                      </td>
                      <td>{entry.type}</td>
                      <td>{entry.agent ?? ''}</td>
                      <td className="mono">{entry.channel ?? ''}</td>
                      <td>{entry.detail ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </>
      )}
    </section>
  );
}
