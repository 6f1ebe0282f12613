import { initialLang, rememberLang, t, toLang, type TextKey } from './i18n';
import { loginNotice } from './loginNotice';
import type { Lang } from './types';
import './login.css';

/**
 * The login page: a plain form posting to Cuecard's login (POST /j_security_check; it works without this script);
 * the script only picks one language for the texts and shows why the browser is here: a failed attempt, too many
 * of them (with the minutes to wait), a session that ended, or a service that is temporarily unavailable.
 */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const notice = loginNotice(window.location.search);

function apply(lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = `${t(lang, 'app.name')} · ${t(lang, 'login.submit')}`;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(lang, element.dataset.i18n as TextKey);
  });
  const throttled = document.getElementById('login-throttled');
  if (throttled && notice.kind === 'throttled') throttled.textContent = t(lang, 'login.throttled', { minutes: notice.minutes });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
    const active = button.dataset.lang === lang;
    button.classList.toggle('active', active);
    button.setAttribute('aria-pressed', String(active));
  });
}

let lang = initialLang(storage(), navigator.languages ?? [navigator.language]);
apply(lang);
const shown: Record<string, boolean> = {
  'login-error': notice.kind === 'error',
  'login-throttled': notice.kind === 'throttled',
  'login-ended': notice.kind === 'ended',
  'login-unavailable': notice.kind === 'unavailable',
};
for (const [id, visible] of Object.entries(shown)) {
  const element = document.getElementById(id);
  if (element) element.hidden = !visible;
}
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
  button.addEventListener('click', () => {
    const chosen = toLang(button.dataset.lang);
    if (!chosen) return;
    lang = chosen;
    rememberLang(storage(), lang);
    apply(lang);
  });
});
