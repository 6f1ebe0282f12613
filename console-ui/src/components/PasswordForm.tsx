import { useState, type FormEvent } from 'react';
import { ApiError, UnauthorizedError, changePassword, errorMessage, goToLogin } from '../api';
import type { Translate } from '../i18n';

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
          <p className="notice" role="status" data-testid="password-changed">
            {t('password.changed')}
          </p>
        ) : (
          <div className="form-grid">
            <label className="field">
              <span>{t('password.current')}</span>
              <input
                name="current"
                type="password"
                autoComplete="current-password"
                required
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            </label>
            <label className="field">
              <span>{t('password.new')}</span>
              <input
                name="new"
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD}
                value={next}
                onChange={(e) => setNext(e.target.value)}
              />
              <small className="muted">{t('password.rule', { min: MIN_PASSWORD })}</small>
            </label>
            <label className="field">
              <span>{t('password.repeat')}</span>
              <input
                name="repeat"
                type="password"
                autoComplete="new-password"
                required
                value={repeat}
                onChange={(e) => setRepeat(e.target.value)}
              />
            </label>
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
