import { useState } from 'react';
import { formatDuration } from '../format';
import type { Translate } from '../i18n';
import type { Disposition, Lang } from '../types';

/** The label of a disposition in the console's language (falling back to the other one, then the code). */
export function dispositionLabel(disposition: Disposition, lang: Lang): string {
  return disposition.label[lang] ?? disposition.label.en ?? disposition.label['zh-CN'] ?? disposition.code;
}

/** Whole seconds until the wrap-up ends (0 once it is over); null when it has no end. */
export function secondsLeft(endsAt: string | null, now: number): number | null {
  const end = endsAt ? Date.parse(endsAt) : NaN;
  return Number.isFinite(end) ? Math.max(0, Math.ceil((end - now) / 1000)) : null;
}

/** Wrap-up: the time left, the disposition, and "ready for the next call". */
export function WrapUpPanel({
  endsAt,
  now,
  dispositions,
  chosen,
  lang,
  t,
  connected,
  onDisposition,
  onReady,
}: {
  endsAt: string | null;
  now: number;
  dispositions: Disposition[];
  chosen: string | null;
  lang: Lang;
  t: Translate;
  connected: boolean;
  onDisposition: (code: string) => void;
  onReady: () => void;
}) {
  const [selected, setSelected] = useState(chosen ?? '');
  const remaining = secondsLeft(endsAt, now);
  return (
    <section className="wrap-up">
      <div className="section-head">
        <h3>{t('wrapUp.title')}</h3>
        {remaining !== null && (
          <span className="countdown" data-testid="wrap-up-countdown">
            {t('wrapUp.remaining', { time: formatDuration(remaining) })}
          </span>
        )}
      </div>
      <div className="wrap-up-row">
        <label className="field">
          <span>{t('wrapUp.disposition')}</span>
          <select
            data-testid="disposition"
            value={selected}
            disabled={!connected}
            onChange={(event) => {
              setSelected(event.target.value);
              if (event.target.value) onDisposition(event.target.value);
            }}
          >
            <option value="">{t('wrapUp.choose')}</option>
            {dispositions.map((disposition) => (
              <option key={disposition.code} value={disposition.code}>
                {dispositionLabel(disposition, lang)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" data-testid="ready" disabled={!connected} onClick={onReady}>
          {t('wrapUp.ready')}
        </button>
      </div>
    </section>
  );
}
