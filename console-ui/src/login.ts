import { initialLang, rememberLang, t, toLang, type TextKey } from './i18n';
import type { Lang } from './types';
import './login.css';

/**
 * The login page: a plain form posting to Quarkus form authentication (it works without this script);
 * the script only picks one language for the texts and shows the error after a failed attempt.
 */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function apply(lang: Lang): void {
  document.documentElement.lang = lang;
  document.title = `${t(lang, 'app.name')} · ${t(lang, 'login.submit')}`;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((element) => {
    element.textContent = t(lang, element.dataset.i18n as TextKey);
  });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
    const active = button.dataset.lang === lang;
    button.classList.toggle('active', active);
    button.setAttribute('aria-pressed', String(active));
  });
}

/** Whether the login page was reached after a failed attempt (?error or ?error=true). */
function hasLoginError(search: string): boolean {
  return new URLSearchParams(search).has('error');
}

let lang = initialLang(storage(), navigator.languages ?? [navigator.language]);
apply(lang);
const error = document.getElementById('login-error');
if (error) error.hidden = !hasLoginError(window.location.search);
document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) => {
  button.addEventListener('click', () => {
    const chosen = toLang(button.dataset.lang);
    if (!chosen) return;
    lang = chosen;
    rememberLang(storage(), lang);
    apply(lang);
  });
});
