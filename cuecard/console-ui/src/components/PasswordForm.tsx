import { useState, type FormEvent } from 'react';
import { ApiError, UnauthorizedError, changePassword, errorMessage, goToLogin } from '../api';
import type { Translate } from '../i18n';
import { StatusLine } from './Feedback';

/** The server's rule for new passwords. */
export const MIN_PASSWORD = 12;

/** Whole minutes to wait for a throttled attempt (at least 1). */
export const minutesOf = (seconds: number | null) => Math.max(1, Math.ceil((seconds ?? 60) / 60));

/**
 * The user's own password change: the current password, the new one twice. The server ends the user's other
 * sessions and keeps this one under a fresh cookie.
 */
export function PasswordForm({ t, onClose }: { t: Translate; onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (next.length < MIN_PASSWORD) {
      setError(t('password.tooShort', { min: MIN_PASSWORD }));
      return;
    }
    if (next !== repeat) {
      setError(t('password.mismatch'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (failure) {
      if (failure instanceof UnauthorizedError) {
        goToLogin();
        return;
      }
      if (failure instanceof ApiError && failure.status === 429) {
        setError(t('password.throttled', { minutes: minutesOf(failure.retryAfterSeconds) }));
      } else if (failure instanceof ApiError && failure.fields.some((f) => f.field === 'current')) {
        setError(t('password.wrongCurrent'));
      } else {
        setError(t('password.failed', { error: errorMessage(failure) }));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="page">
      <form className="card password-form" data-testid="password-form" onSubmit={submit}>
        <h2>{t('password.title')}</h2>
        {done ? (
          <StatusLine text={t('password.changed')} testId="password-changed" />
        ) : (
          <div className="form-grid">
            <PasswordField name="current" label={t('password.current')} autoComplete="current-password" value={current} onChange={setCurrent} />
            <PasswordField
              name="new"
              label={t('password.new')}
              autoComplete="new-password"
              minLength={MIN_PASSWORD}
              hint={t('password.rule', { min: MIN_PASSWORD })}
              value={next}
              onChange={setNext}
            />
            <PasswordField name="repeat" label={t('password.repeat')} autoComplete="new-password" value={repeat} onChange={setRepeat} />
          </div>
        )}
        {error && (
          <p className="error-text form-error" role="alert" data-testid="password-error">
            {error}
          </p>
        )}
        <div className="form-actions">
          {!done && (
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? t('password.saving') : t('password.save')}
            </button>
          )}
          <button type="button" className="button subtle" onClick={onClose}>
            {done ? t('sessions.close') : t('password.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** One required password input with its label (and the rule under it, where there is one). */
function PasswordField(props: {
  name: string;
  label: string;
  autoComplete: 'current-password' | 'new-password';
  minLength?: number;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        name={props.name}
        type="password"
        autoComplete={props.autoComplete}
        required
        minLength={props.minLength}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <small className="muted">{props.hint}</small>}
    </label>
  );
}
