import type { Translate } from '../i18n';
import type { AgentStateCode, Lang, Me } from '../types';

const LANGUAGE_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** The top bar: product, who is logged in, their state, language switch and logout. */
export function Header({
  me,
  agentState,
  lang,
  t,
  onLanguage,
  onLogout,
}: {
  me: Me;
  agentState: AgentStateCode;
  lang: Lang;
  t: Translate;
  onLanguage: (lang: Lang) => void;
  onLogout: () => void;
}) {
  return (
    <header className="topbar">
      <div className="brand">{t('app.name')}</div>
      <div className="who">
        <span className="who-name">{me.displayName || me.username}</span>
        {me.employeeNo && <span className="who-no">{t('header.employeeNo', { no: me.employeeNo })}</span>}
        <span className={`badge state state-${agentState}`} data-testid="agent-state" data-state={agentState}>
          {t(`agentState.${agentState}`)}
        </span>
      </div>
      <div className="tools">
        <div className="lang-switch" role="group" aria-label={t('header.language')}>
          {(Object.keys(LANGUAGE_NAMES) as Lang[]).map((code) => (
            <button
              key={code}
              type="button"
              className={code === lang ? 'active' : ''}
              aria-pressed={code === lang}
              lang={code}
              onClick={() => onLanguage(code)}
            >
              {LANGUAGE_NAMES[code]}
            </button>
          ))}
        </div>
        <button type="button" className="button subtle" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
