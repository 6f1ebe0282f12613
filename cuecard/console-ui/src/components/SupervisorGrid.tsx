import type { Translate } from '../i18n';
import type { CallFrame } from '../types';
import { CallCard } from './CallCard';
import { ScriptPanel } from './ScriptPanel';

/** Every live call, read-only, for supervisors. */
export function SupervisorGrid({ calls, now, t }: { calls: CallFrame[]; now: number; t: Translate }) {
  return (
    <section className="supervisor" data-testid="supervisor">
      <h2>{t('supervisor.title')}</h2>
      {calls.length === 0 ? (
        <p className="muted card">{t('supervisor.none')}</p>
      ) : (
        <div className="call-grid">
          {calls.map((call) => (
            <CallCard key={call.id} call={call} now={now} t={t} showAgent>
              <ScriptPanel call={call} t={t} connected={false} readOnly />
              {(call.notes?.hits?.length ?? 0) > 0 && (
                <p className="hit-summary">
                  {t('notes.hitsTitle')}: {call.notes!.hits.map((hit) => hit.phrase).join('、')}
                </p>
              )}
            </CallCard>
          ))}
        </div>
      )}
    </section>
  );
}
