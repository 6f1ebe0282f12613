import { textLang } from '../format';
import type { Translate } from '../i18n';
import type { CallFrame, StageCode } from '../types';
import { PhraseText } from './PhraseText';

const SAYABLE: readonly StageCode[] = ['greeting', 'conversation', 'hold', 'transfer', 'closing'];
const CLOSABLE: readonly StageCode[] = ['conversation', 'hold', 'transfer'];

/** Whether "Said it" applies now: there is an unconfirmed phrase in a live stage. */
export function canSayIt(call: CallFrame): boolean {
  return Boolean(call.script?.phrase) && !call.script?.confirmed && SAYABLE.includes(call.stage);
}

/** Whether the apology for a long hold (row 4) is due and not yet said. */
export function apologyDue(call: CallFrame): boolean {
  return Boolean(call.script?.apologyRequired) && !call.script?.confirmed;
}

/** Whether the agent can move this call on to the closing stage (not before a due apology is said). */
export function canClose(call: CallFrame): boolean {
  return CLOSABLE.includes(call.stage) && !apologyDue(call);
}

/** The phrase the agent must say in this stage, large, with the translation and what comes next. */
export function ScriptPanel({
  call,
  t,
  connected,
  readOnly = false,
  onSaidIt,
  onClosing,
}: {
  call: CallFrame;
  t: Translate;
  connected: boolean;
  readOnly?: boolean;
  onSaidIt?: () => void;
  onClosing?: () => void;
}) {
  const script = call.script;
  const phrase = script?.phrase ?? null;
  const confirmed = Boolean(script?.confirmed);
  const inHold = Boolean(script?.inHold) && call.stage === 'hold';
  const apology = !readOnly && apologyDue(call);
  return (
    <section className={`script${readOnly ? ' compact' : ''}`} aria-live="polite">
      <div className="section-head">
        <h3>{t('script.title')}</h3>
        {script?.resume && <span className="tag">{t('script.resume')}</span>}
        {apology && (
          <span className="tag tag-required" data-testid="apology-required">
            {t('script.required')}
          </span>
        )}
      </div>
      {inHold && (
        <p className="in-hold-prompt" role="alert" data-testid="in-hold-prompt">
          {t('hold.longHold')}
        </p>
      )}
      {apology && (
        <p className="apology-hint" role="alert">
          {t('hold.apologyHint')}
        </p>
      )}
      {phrase ? (
        <div className={`phrase-box${confirmed ? ' confirmed' : ''}${inHold || apology ? ' prominent' : ''}`}>
          <p className="phrase" data-testid="phrase" lang={textLang(phrase.text)}>
            <PhraseText text={phrase.text} t={t} />
          </p>
          {phrase.translation && (
            <p className="translation" lang={textLang(phrase.translation)}>
              <PhraseText text={phrase.translation} t={t} />
            </p>
          )}
        </div>
      ) : (
        <p className="muted">{t('script.none')}</p>
      )}
      {!readOnly && (
        <div className="script-actions">
          <button
            type="button"
            className={`button primary${confirmed ? ' done' : ''}`}
            data-testid="said-it"
            disabled={!connected || !canSayIt(call)}
            onClick={onSaidIt}
          >
            {confirmed ? t('script.confirmed') : t('script.saidIt')} <kbd>F2</kbd>
          </button>
          <button
            type="button"
            className="button"
            data-testid="closing"
            disabled={!connected || !canClose(call)}
            onClick={onClosing}
          >
            {t('script.closing')} <kbd>F4</kbd>
          </button>
        </div>
      )}
      {!readOnly && script && script.next.length > 0 && (
        <div className="next">
          <h4>{t('script.next')}</h4>
          <ol>
            {script.next.map((next, index) => (
              <li key={`${next.stage}-${index}`}>
                <span className="next-stage">{t(`stage.${next.stage}`)}</span>
                <span className="next-text" lang={textLang(next.text)}>
                  <PhraseText text={next.text} t={t} />
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
