import { useState } from 'react';
import { textLang } from '../format';
import type { Translate } from '../i18n';
import type { ServerError } from '../state';
import type { Agent, CallFrame, Phrase, StageCode, TransferMode, TransferTargetKind } from '../types';

const TRANSFERABLE: readonly StageCode[] = ['conversation', 'hold', 'transfer'];
const MODES: readonly TransferMode[] = ['blind', 'attended'];
const KINDS: readonly TransferTargetKind[] = ['agent', 'extension', 'queue'];
/** How long a ticked consent lasts: the server accepts a transfer only within 60 s of the consent. */
export const TRANSFER_CONSENT_MS = 60_000;

/** Row 9's phrase as text and translation, whichever shape the server sent. */
export function failedPhrase(value: string | Phrase | null | undefined): Phrase | null {
  if (!value) return null;
  return typeof value === 'string' ? { text: value, translation: null } : value;
}

/** What the agent sends for the transfer and what came of it. */
type Outcome = { kind: 'sent'; afterError: number } | { kind: 'invalid' } | { kind: 'not-sent' } | null;

/**
 * Transfer (rows 7–9): blind or attended, to an agent, an extension or a queue. The Transfer button stays
 * disabled until "customer agreed" is ticked (which records the consent); the tick lapses after 60 s, as the
 * server's consent does. When the target did not answer,
 * row 9's phrase is shown and a callback task can be created.
 */
export function TransferPanel({
  call,
  me,
  colleagues,
  connected,
  now,
  lastError,
  t,
  onConsent,
  onTransfer,
  onCallback,
}: {
  call: CallFrame;
  /** The agent's own user name (not offered as a target). */
  me: string;
  /** Agents to choose from; null when this user may not list them (the agent is then typed in). */
  colleagues: readonly Agent[] | null;
  connected: boolean;
  now: number;
  lastError: ServerError | null;
  t: Translate;
  onConsent: () => boolean;
  onTransfer: (mode: TransferMode, kind: TransferTargetKind, value: string) => boolean;
  onCallback: (note: string) => boolean;
}) {
  const [mode, setMode] = useState<TransferMode>('blind');
  const [kind, setKind] = useState<TransferTargetKind>('agent');
  const [target, setTarget] = useState('');
  // when "customer agreed" was ticked; it lapses with the server's consent window, so the agent asks again
  const [consentAt, setConsentAt] = useState<number | null>(null);
  const consent = consentAt !== null && now - consentAt < TRANSFER_CONSENT_MS;
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [note, setNote] = useState('');
  const [callbackSent, setCallbackSent] = useState(false);
  const failed = failedPhrase(call.script?.transferFailed);
  const live = TRANSFERABLE.includes(call.stage);
  if (!live && !failed) return null;

  const error = outcome?.kind === 'sent' && lastError && lastError.serial > outcome.afterError ? lastError.message : null;
  const pickable = colleagues?.filter((agent) => agent.username !== me) ?? null;

  const transfer = () => {
    const value = target.trim();
    if (!value) {
      setOutcome({ kind: 'invalid' });
      return;
    }
    const sent = onTransfer(mode, kind, value);
    setOutcome(sent ? { kind: 'sent', afterError: lastError?.serial ?? 0 } : { kind: 'not-sent' });
  };

  return (
    <section className="transfer-panel" data-testid="transfer-panel">
      <div className="section-head">
        <h3>{t('transfer.title')}</h3>
      </div>
      {live && (
        <div className="transfer-form">
          <label className="field">
            <span>{t('transfer.mode')}</span>
            <select data-testid="transfer-mode" value={mode} onChange={(event) => setMode(event.target.value as TransferMode)}>
              {MODES.map((code) => (
                <option key={code} value={code}>
                  {t(`transfer.mode.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('transfer.kind')}</span>
            <select
              data-testid="transfer-target-kind"
              value={kind}
              onChange={(event) => {
                setKind(event.target.value as TransferTargetKind);
                setTarget('');
              }}
            >
              {KINDS.map((code) => (
                <option key={code} value={code}>
                  {t(`transfer.kind.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t(kind === 'agent' && !pickable ? 'transfer.agentName' : `transfer.kind.${kind}`)}</span>
            {kind === 'agent' && pickable ? (
              <select data-testid="transfer-target" value={target} onChange={(event) => setTarget(event.target.value)}>
                <option value="">{t('transfer.chooseAgent')}</option>
                {pickable.map((agent) => (
                  <option key={agent.username} value={agent.username}>
                    {agent.displayName || agent.username}
                    {agent.extension ? ` (${agent.extension})` : ''}
                  </option>
                ))}
              </select>
            ) : (
              <input
                data-testid="transfer-target"
                value={target}
                inputMode={kind === 'extension' ? 'numeric' : undefined}
                placeholder={t(`transfer.placeholder.${kind}`)}
                onChange={(event) => setTarget(event.target.value)}
              />
            )}
          </label>
          <label className="check consent-check">
            <input
              type="checkbox"
              data-testid="transfer-consent"
              checked={consent}
              disabled={!connected}
              onChange={(event) => {
                setConsentAt(event.target.checked ? now : null);
                if (event.target.checked) onConsent();
              }}
            />
            <span>{t('transfer.consent')}</span>
          </label>
          <button
            type="button"
            className="button primary"
            data-testid="transfer-button"
            disabled={!consent || !connected}
            title={consent ? undefined : t('transfer.consentFirst')}
            onClick={transfer}
          >
            {t('transfer.button')}
          </button>
          {outcome?.kind === 'invalid' && (
            <p className="error-text" role="alert" data-testid="transfer-error">
              {t('transfer.targetRequired')}
            </p>
          )}
          {outcome?.kind === 'not-sent' && (
            <p className="error-text" role="alert" data-testid="transfer-error">
              {t('transfer.notSent')}
            </p>
          )}
          {error && (
            <p className="error-text" role="alert" data-testid="transfer-error">
              {t('transfer.failed', { error })}
            </p>
          )}
          {outcome?.kind === 'sent' && !error && (
            <p className="muted" role="status" data-testid="transfer-requested">
              {t('transfer.requested')}
            </p>
          )}
        </div>
      )}
      {failed && (
        <div className="transfer-failed" data-testid="transfer-failed">
          <p className="label">{t('transfer.noAnswer')}</p>
          <p className="phrase phrase-secondary" lang={textLang(failed.text)}>
            {failed.text}
          </p>
          {failed.translation && (
            <p className="translation" lang={textLang(failed.translation)}>
              {failed.translation}
            </p>
          )}
          {callbackSent ? (
            <p className="consent-given" role="status" data-testid="callback-sent">
              {t('transfer.callbackCreated')}
            </p>
          ) : (
            <div className="callback-form">
              <label className="field">
                <span>{t('transfer.callbackNote')}</span>
                <textarea data-testid="callback-note" rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
              </label>
              <button
                type="button"
                className="button"
                data-testid="callback-button"
                disabled={!connected}
                onClick={() => setCallbackSent(onCallback(note.trim()))}
              >
                {t('transfer.callback')}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
