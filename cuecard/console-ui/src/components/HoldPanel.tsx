import { useState } from 'react';
import { formatClockTime, textLang } from '../format';
import type { Translate } from '../i18n';
import type { CallFrame, Lang, StageCode } from '../types';

const HOLDABLE: readonly StageCode[] = ['conversation', 'transfer'];
/** How long a consent covers a hold the agent then places (the server flags holds without one in the last minute). */
export const HOLD_CONSENT_MS = 60_000;

/** The phrase asking the customer to hold (row 3): the script's next `hold` stage text. */
export function holdPhrase(call: CallFrame): string | null {
  return call.script?.next?.find((next) => next.stage === 'hold')?.text ?? null;
}

/**
 * Hold: shows the phrase asking the customer to hold and records that the customer agreed. The phone places
 * the hold (the PBX has no hold action), so right after the consent the agent is told to press hold on the phone.
 */
export function HoldPanel({
  call,
  connected,
  now,
  lang,
  t,
  onConsent,
}: {
  call: CallFrame;
  connected: boolean;
  now: number;
  lang: Lang;
  t: Translate;
  onConsent: () => void;
}) {
  const [open, setOpen] = useState(false);
  const consentAt = call.consent?.hold ?? null;
  const fresh = consentAt !== null && now - Date.parse(consentAt) < HOLD_CONSENT_MS;
  if (!HOLDABLE.includes(call.stage) && !(call.stage === 'hold' && consentAt)) return null;
  const phrase = holdPhrase(call);
  const onHold = call.stage === 'hold';
  return (
    <section className="hold-panel" data-testid="hold-panel">
      <div className="section-head">
        <h3>{t('hold.title')}</h3>
        {!onHold && (
          <button
            type="button"
            className={`button${open ? ' active' : ''}`}
            data-testid="hold-button"
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            {t('hold.button')}
          </button>
        )}
      </div>
      {open && !onHold && (
        <div className="hold-ask">
          <p className="phrase phrase-secondary" data-testid="hold-phrase" lang={phrase ? textLang(phrase) : undefined}>
            {phrase ?? t('hold.noPhrase')}
          </p>
          <button
            type="button"
            className="button primary"
            data-testid="hold-consent"
            disabled={!connected}
            onClick={onConsent}
          >
            {t('hold.agreed')}
          </button>
        </div>
      )}
      {consentAt && (
        <p className="consent-given" role="status" data-testid="hold-consent-given">
          {t('hold.consentGiven', { time: formatClockTime(consentAt, lang) })}
          {!onHold && fresh && <strong> {t('hold.pressPhone')}</strong>}
        </p>
      )}
    </section>
  );
}
