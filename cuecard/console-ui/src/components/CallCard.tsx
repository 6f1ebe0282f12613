import type { ReactNode } from 'react';
import { formatDuration, secondsBetween } from '../format';
import type { Translate } from '../i18n';
import type { CallFrame } from '../types';
import { StageStrip } from './StageStrip';

/** Seconds shown on the call timer: since answered (since placed while ringing), frozen once ended. */
export function callTimerSeconds(call: CallFrame, now: number): number | null {
  const from = call.stage === 'ringing' || !call.answeredAt ? call.startedAt : call.answeredAt;
  const until = call.endedAt ? Date.parse(call.endedAt) : now;
  return secondsBetween(from, Number.isFinite(until) ? until : now);
}

/** One call at a glance: who, where from, how long, and the stage strip. */
export function CallCard({
  call,
  now,
  t,
  showAgent = false,
  children,
}: {
  call: CallFrame;
  now: number;
  t: Translate;
  showAgent?: boolean;
  children?: ReactNode;
}) {
  const source = call.queue
    ? { label: t('call.queue'), value: call.queue }
    : call.campaign
      ? { label: t('call.campaign'), value: call.campaign }
      : null;
  const agent = call.stageAgent ?? call.agents?.[0] ?? null;
  return (
    <article className="card call-card" data-call-id={call.id}>
      <header className="call-head">
        <div>
          <div className="call-label">{t('call.customer')}</div>
          <div className="call-number">{call.customerNumber || t('call.unknownNumber')}</div>
        </div>
        <div className="call-meta">
          <span className={`badge direction-${call.direction}`}>{t(`direction.${call.direction}`)}</span>
          {source && (
            <span className="call-source">
              {source.label}: <strong>{source.value}</strong>
            </span>
          )}
        </div>
      </header>
      <dl className="call-facts">
        <div>
          <dt>{t('call.timer')}</dt>
          <dd className="call-timer" data-testid="timer">
            {formatDuration(callTimerSeconds(call, now))}
          </dd>
        </div>
        <div>
          <dt>{t('call.holds')}</dt>
          <dd>{call.holdCount ?? 0}</dd>
        </div>
        {showAgent && (
          <div>
            <dt>{t('call.agent')}</dt>
            <dd>{agent ?? '—'}</dd>
          </div>
        )}
      </dl>
      <StageStrip stage={call.stage} visited={call.stages ?? []} t={t} />
      {children}
    </article>
  );
}
