import { useEffect, useMemo, useState } from 'react';
import { UnauthorizedError, errorMessage, fetchAgents, fetchCalls, goToLogin } from '../api';
import { NO_FILTERS, dateProblem } from '../callQuery';
import { formatDateTime, formatDuration } from '../format';
import type { Translate } from '../i18n';
import type { Agent, CallFilters, CallPage, Lang } from '../types';
import { CallDetail, codeText } from './CallDetail';
import { hitCount } from './History';

/** Page sizes the call log offers; the first is the default. */
export const PAGE_SIZES = [20, 50, 100] as const;

function onFailure(setError: (message: string) => void) {
  return (error: unknown) => {
    if (error instanceof UnauthorizedError) goToLogin();
    else setError(errorMessage(error));
  };
}

/** The call log for supervisors and admins: filters, a page of calls newest first, and the chosen call's details. */
export function CallLogView({ lang, t }: { lang: Lang; t: Translate }) {
  const [filters, setFilters] = useState<CallFilters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [size, setSize] = useState<number>(PAGE_SIZES[0]);
  const [reloads, setReloads] = useState(0);
  const [calls, setCalls] = useState<CallPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [agentsError, setAgentsError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const problem = dateProblem(filters);

  useEffect(() => {
    let cancelled = false;
    fetchAgents().then(
      (list) => {
        if (!cancelled) setAgents(Array.isArray(list) ? list : []);
      },
      onFailure((message) => {
        if (!cancelled) setAgentsError(message);
      }),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (problem) return;
    let cancelled = false;
    setLoading(true);
    fetchCalls(filters, page, size)
      .then(
        (result) => {
          if (cancelled) return;
          setCalls({ items: Array.isArray(result?.items) ? result.items : [], total: result?.total ?? 0 });
          setError(null);
        },
        onFailure((message) => {
          if (!cancelled) setError(message);
        }),
      )
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [filters, page, size, reloads, problem]);

  const names = useMemo(() => new Map(agents.map((agent) => [agent.username, agent.displayName || agent.username])), [agents]);
  const nameOf = (username: string) => names.get(username) ?? username;

  /** A changed filter starts again at the first page. */
  const filter = (change: Partial<CallFilters>) => {
    setFilters((current) => ({ ...current, ...change }));
    setPage(0);
  };
  const total = calls?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / size));

  return (
    <div className={`calls-layout${selected ? ' with-detail' : ''}`}>
      <section className="card call-log" data-testid="call-log">
        <div className="section-head">
          <h2>{t('calls.title')}</h2>
          {calls && <span className="muted">{t('calls.total', { total })}</span>}
          <button type="button" className="button subtle push-right" onClick={() => setReloads((n) => n + 1)}>
            {t('calls.refresh')}
          </button>
        </div>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <label className="field">
            <span>{t('calls.filterAgent')}</span>
            <select data-testid="filter-agent" value={filters.agent} onChange={(e) => filter({ agent: e.target.value })}>
              <option value="">{t('calls.anyAgent')}</option>
              {agents.map((agent) => (
                <option key={agent.username} value={agent.username}>
                  {agent.displayName && agent.displayName !== agent.username
                    ? `${agent.displayName} (${agent.username})`
                    : agent.username}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('calls.filterDirection')}</span>
            <select
              data-testid="filter-direction"
              value={filters.direction}
              onChange={(e) => filter({ direction: e.target.value as CallFilters['direction'] })}
            >
              <option value="">{t('calls.anyDirection')}</option>
              <option value="inbound">{t('direction.inbound')}</option>
              <option value="outbound">{t('direction.outbound')}</option>
            </select>
          </label>
          <label className="field">
            <span>{t('calls.from')}</span>
            <input type="date" data-testid="filter-from" value={filters.fromDate} onChange={(e) => filter({ fromDate: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('calls.to')}</span>
            <input type="date" data-testid="filter-to" value={filters.toDate} onChange={(e) => filter({ toDate: e.target.value })} />
          </label>
          <button type="button" className="button subtle" onClick={() => filter(NO_FILTERS)}>
            {t('calls.clear')}
          </button>
        </form>
        {agentsError && <p className="error-text">{t('calls.agentsFailed', { error: agentsError })}</p>}
        {problem && (
          <p className="error-text" role="alert" data-testid="filter-problem">
            {t(problem === 'reversed' ? 'calls.datesReversed' : 'calls.datesInvalid')}
          </p>
        )}
        {error && (
          <p className="error-text" role="alert" data-testid="calls-error">
            {t('calls.loadFailed', { error })}
          </p>
        )}
        {!calls && loading && <p className="muted">{t('calls.loading')}</p>}
        {calls && calls.items.length === 0 && <p className="muted">{t('calls.empty')}</p>}
        {calls && calls.items.length > 0 && (
          <div className="table-scroll">
            <table className="data-table calls-table" data-testid="calls-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th>{t('history.time')}</th>
                  <th>{t('history.number')}</th>
                  <th>{t('history.direction')}</th>
                  <th>{t('calls.agents')}</th>
                  <th>{t('calls.source')}</th>
                  <th>{t('history.outcome')}</th>
                  <th className="num">{t('calls.wait')}</th>
                  <th className="num">{t('history.talk')}</th>
                  <th className="num">{t('history.hits')}</th>
                  <th className="num">{t('calls.flags')}</th>
                </tr>
              </thead>
              <tbody>
                {calls.items.map((call) => {
                  const hits = hitCount(call);
                  const flags = call.flags?.length ?? 0;
                  return (
                    <tr
                      key={call.id}
                      data-testid="calls-row"
                      data-call-id={call.id}
                      className={`clickable${call.id === selected ? ' selected' : ''}`}
                      tabIndex={0}
                      aria-selected={call.id === selected}
                      onClick={() => setSelected(call.id)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter' || event.key === ' ') {
                          event.preventDefault();
                          setSelected(call.id);
                        }
                      }}
                    >
                      <td className="mono">{formatDateTime(call.startedAt, lang)}</td>
                      <td className="mono">{call.customerNumber || '—'}</td>
                      <td>{call.direction ? t(`direction.${call.direction}`) : '—'}</td>
                      <td>{call.agents?.length ? call.agents.map(nameOf).join(', ') : '—'}</td>
                      <td>{call.queue ?? call.campaign ?? '—'}</td>
                      <td>{codeText(t, 'outcome', call.outcome)}</td>
                      <td className="num mono">{formatDuration(call.waitSeconds)}</td>
                      <td className="num mono">{formatDuration(call.talkSeconds)}</td>
                      <td className={`num${hits > 0 ? ' has-hits' : ''}`}>{hits}</td>
                      <td className={`num${flags > 0 ? ' has-flags' : ''}`}>{flags}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <div className="pager" data-testid="pager">
          <button type="button" className="button subtle" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('calls.prev')}
          </button>
          <span data-testid="page">{t('calls.page', { page: page + 1, pages })}</span>
          <button
            type="button"
            className="button subtle"
            disabled={page + 1 >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('calls.next')}
          </button>
          <label className="page-size">
            {t('calls.pageSize')}
            <select
              data-testid="page-size"
              value={size}
              onChange={(e) => {
                setSize(Number(e.target.value));
                setPage(0);
              }}
            >
              {PAGE_SIZES.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>
      {selected && <CallDetail id={selected} lang={lang} t={t} onClose={() => setSelected(null)} />}
    </div>
  );
}
