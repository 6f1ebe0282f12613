import { useState } from 'react';
import { formatDuration } from '../format';
import type { Translate } from '../i18n';
import type { ServerError } from '../state';
import type { Disposition, Lang } from '../types';

/** Error codes with which the server refuses "ready". */
export const READY_REFUSALS = ['blocked-phrases', 'missing-fields'] as const;

/** Whether an error frame is the server refusing "ready". */
export function isReadyRefusal(error: ServerError | null): boolean {
  return Boolean(error?.code && (READY_REFUSALS as readonly string[]).includes(error.code));
}

/** The label of a disposition in the console's language (falling back to the other one, then the code). */
export function dispositionLabel(disposition: Disposition, lang: Lang): string {
  return disposition.label[lang] ?? disposition.label.en ?? disposition.label['zh-CN'] ?? disposition.code;
}

/** Whole seconds until the wrap-up ends (0 once it is over); null when it has no end. */
export function secondsLeft(endsAt: string | null, now: number): number | null {
  const end = endsAt ? Date.parse(endsAt) : NaN;
  return Number.isFinite(end) ? Math.max(0, Math.ceil((end - now) / 1000)) : null;
}

/**
 * Wrap-up: the time left, the disposition, and "ready for the next call". When the server refuses "ready"
 * because the notes still contain blocked phrases, a justification is asked for and sent with the next "ready".
 */
export function WrapUpPanel({
  endsAt,
  now,
  dispositions,
  chosen,
  lang,
  t,
  connected,
  refusal = null,
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
  /** The server's latest refusal of "ready" (`blocked-phrases` or `missing-fields`), if any. */
  refusal?: ServerError | null;
  onDisposition: (code: string) => void;
  onReady: (justification: string | null) => void;
}) {
  const [selected, setSelected] = useState(chosen ?? '');
  const [justification, setJustification] = useState('');
  const blocked = refusal?.code === 'blocked-phrases';
  const [asked, setAsked] = useState(false);
  if (blocked && !asked) setAsked(true);
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
        <button
          type="button"
          className="button primary"
          data-testid="ready"
          disabled={!connected}
          onClick={() => onReady(asked && justification.trim() ? justification.trim() : null)}
        >
          {t('wrapUp.ready')}
        </button>
      </div>
      {blocked && (
        <p className="error-text" role="alert" data-testid="ready-refused">
          {t('wrapUp.blocked')}
        </p>
      )}
      {refusal?.code === 'missing-fields' && (
        <p className="error-text" role="alert" data-testid="ready-refused">
          {t('wrapUp.missingFields')}
        </p>
      )}
      {asked && (
        <label className="field justification">
          <span>{t('wrapUp.justification')}</span>
          <textarea
            data-testid="justification"
            rows={2}
            value={justification}
            placeholder={t('wrapUp.justificationHint')}
            onChange={(event) => setJustification(event.target.value)}
          />
        </label>
      )}
    </section>
  );
}
