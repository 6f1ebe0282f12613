import { useRef, useState } from 'react';
import { textLang } from '../format';
import type { TextKey, Translate } from '../i18n';
import type { ServerError } from '../state';
import type { Agent, CallFrame, Phrase, StageCode, TransferEntry, TransferMode, TransferTargetKind } from '../types';

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

/** The error codes of a transfer action the phone system refused after the server accepted it. */
const PBX_CODES = ['pbx-refused', 'pbx-no-answer', 'pbx-not-sent'];

/** An error frame in the console's words: a refused transfer action is worded here, others keep the server's message. */
export function errorText(error: ServerError, t: Translate): string {
  if (!error.code || !PBX_CODES.includes(error.code) || !error.action) return error.message;
  const action = t(`pbx.action.${error.action}` as TextKey);
  if (error.code === 'pbx-no-answer') return t('pbx.noAnswer', { action });
  if (error.code === 'pbx-not-sent') return t('pbx.notSent', { action });
  return t('pbx.refused', { action, reason: error.pbxMessage || '—' });
}

/** The causes of the transfer entries that start a transfer: their agent is the one who transfers. */
const STARTS = ['blind-requested', 'attended-requested', 'consultation-started', 'blind-transfer', 'attended-transfer'];

/**
 * How the transfer this agent made stands, as the panel tells it: the text's key and the colleague concerned; null
 * when the call has no transfer of this agent's. `consulting`: this agent consults a colleague now (Complete and
 * Cancel are offered).
 */
export function transferProgress(
  call: CallFrame,
  me: string,
): { key: TextKey; colleague: string | null; consulting: boolean } | null {
  const entries: TransferEntry[] = call.transferEntries ?? [];
  if (entries.length === 0) return null;
  const latest = entries[entries.length - 1];
  const start = [...entries].reverse().find((e) => e.cause != null && STARTS.includes(e.cause));
  if (!start || start.agent !== me) return null;
  const target = call.transfers.length > 0 ? call.transfers[call.transfers.length - 1].to : null;
  const consulted = call.consultation?.colleague ?? null;
  switch (latest.state) {
    case 'consulting': {
      const state = call.consultation?.state;
      const key: TextKey =
        state === 'talking' ? 'transfer.progress.talking' : state === 'ringing' ? 'transfer.progress.ringing' : 'transfer.progress.calling';
      return { key, colleague: consulted, consulting: latest.agent === me };
    }
    case 'blind-requested':
      return { key: 'transfer.progress.blindRequested', colleague: null, consulting: false };
    case 'ringing-target':
      return { key: 'transfer.progress.handedOver', colleague: target, consulting: false };
    case 'completed':
      return { key: 'transfer.progress.completed', colleague: latest.agent ?? target, consulting: false };
    case 'failed':
      return latest.cause === 'consultation-unanswered'
        ? { key: 'transfer.progress.consultationUnanswered', colleague: latest.agent ?? consulted, consulting: false }
        : { key: 'transfer.progress.targetUnanswered', colleague: latest.agent ?? target, consulting: false };
    case 'abandoned':
      return {
        key: latest.cause === 'call-ended' ? 'transfer.progress.callEnded' : 'transfer.progress.notMade',
        colleague: null,
        consulting: false,
      };
    default:
      return null;
  }
}

/**
 * Transfer (rows 7–9): blind or attended, to an agent, an extension or a queue. The Transfer button stays
 * disabled until "customer agreed" is ticked (which records the consent); the tick lapses after 60 s, as the
 * server's consent does. Then the panel follows the transfer from the call's transfer state: the colleague's phone
 * ringing, the colleague talking with the agent while the customer waits (with "Complete transfer" and "Cancel (back
 * to the customer)"), handed over, taken, not answered, not made; a refusal of the phone system is shown in the
 * console's words. When the target did not answer, row 9's phrase is shown and a callback task can be created.
 */
export function TransferPanel({
  call,
  me,
  colleagues,
  connected,
  now,
  lastError,
  t,
  wrappingUp = false,
  onConsent,
  onTransfer,
  onComplete = () => false,
  onCancel = () => false,
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
  /** The agent wraps this call up (they transferred the customer and left): no new transfer is offered. */
  wrappingUp?: boolean;
  onTransfer: (mode: TransferMode, kind: TransferTargetKind, value: string) => boolean;
  /** While consulting: hand the customer over to the colleague. Returns whether it was sent. */
  onComplete?: () => boolean;
  /** While consulting: back to the customer. Returns whether it was sent. */
  onCancel?: () => boolean;
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
  // "complete" or "cancel" sent during this consultation (keyed by the consultation's start), until the state moves on
  const [ending, setEnding] = useState<{ action: 'complete' | 'cancel'; entries: number; afterError: number } | null>(null);
  // which transfer an error belongs to: the number of transfer entries when it arrived (a refusal's own change comes first)
  const errorSeen = useRef<{ serial: number; entries: number } | null>(null);
  const entryCount = call.transferEntries?.length ?? 0;
  if (lastError && errorSeen.current?.serial !== lastError.serial) {
    errorSeen.current = { serial: lastError.serial, entries: entryCount };
  }
  const failed = failedPhrase(call.script?.transferFailed);
  const progress = transferProgress(call, me);
  const underWay = progress !== null && ['transfer.progress.calling', 'transfer.progress.ringing', 'transfer.progress.talking',
    'transfer.progress.blindRequested', 'transfer.progress.handedOver'].includes(progress.key);
  const live = TRANSFERABLE.includes(call.stage) && !wrappingUp && !underWay;
  if (!live && !failed && !progress) return null;

  const error =
    outcome?.kind === 'sent' && lastError && lastError.serial > outcome.afterError ? errorText(lastError, t) : null;
  // a refused transfer action of this call (e.g. "Complete" or "Cancel") is shown here too, in the console's words,
  // until the transfer moves on
  const pbxError =
    !error &&
    lastError?.code &&
    PBX_CODES.includes(lastError.code) &&
    lastError.callId === call.id &&
    errorSeen.current?.entries === entryCount
      ? errorText(lastError, t)
      : null;
  const pickable = colleagues?.filter((agent) => agent.username !== me) ?? null;
  const nameOf = (who: string | null) => {
    if (!who) return t('transfer.colleague');
    const agent = colleagues?.find((a) => a.username === who);
    return agent?.displayName || who;
  };
  // waiting for the phone system until the transfer moves on, or an error answers the request
  const pending =
    ending !== null && ending.entries === entryCount && progress?.consulting && (lastError?.serial ?? 0) <= ending.afterError
      ? ending.action
      : null;
  const endConsultation = (action: 'complete' | 'cancel') => {
    const sent = action === 'complete' ? onComplete() : onCancel();
    setEnding(sent ? { action, entries: entryCount, afterError: lastError?.serial ?? 0 } : null);
  };

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
      {progress && (
        <div className="transfer-progress" data-testid="transfer-progress">
          <p role="status" data-testid="transfer-progress-text">
            {t(progress.key, { name: nameOf(progress.colleague) })}
          </p>
          {progress.consulting && (
            <div className="transfer-consultation">
              <button
                type="button"
                className="button primary"
                data-testid="transfer-complete"
                disabled={!connected || pending !== null}
                onClick={() => endConsultation('complete')}
              >
                {t('transfer.complete')}
              </button>
              <button
                type="button"
                className="button"
                data-testid="transfer-cancel"
                disabled={!connected || pending !== null}
                onClick={() => endConsultation('cancel')}
              >
                {t('transfer.cancel')}
              </button>
              {pending && (
                <p className="muted" role="status" data-testid="transfer-ending">
                  {t(pending === 'complete' ? 'transfer.completing' : 'transfer.cancelling')}
                </p>
              )}
            </div>
          )}
          {pbxError && (
            <p className="error-text" role="alert" data-testid="transfer-pbx-error">
              {pbxError}
            </p>
          )}
        </div>
      )}
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
          {outcome?.kind === 'sent' && !error && !progress && (
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
