import type { TextKey, Translate } from '../i18n';
import type { AgentStateCode, Lang, Me } from '../types';

/** Each language in its own words, for language choices. */
export const LANGUAGE_NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** The console's views: live calls (and the agent's own workspace), the call log, the script editor, agent management. */
export type ViewId = 'live' | 'calls' | 'scripts' | 'agents';

const VIEW_LABELS: Record<ViewId, TextKey> = {
  live: 'nav.live',
  calls: 'nav.calls',
  scripts: 'nav.scripts',
  agents: 'nav.agents',
};

/** The top bar: product, the view tabs (when there is more than one view), who is logged in, their state, language switch, password change and logout. */
export function Header({
  me,
  agentState,
  lang,
  t,
  views = [],
  view = 'live',
  onView,
  onLanguage,
  onLogout,
  onPassword,
}: {
  me: Me;
  agentState: AgentStateCode;
  lang: Lang;
  t: Translate;
  views?: readonly ViewId[];
  view?: ViewId;
  onView?: (view: ViewId) => void;
  onLanguage: (lang: Lang) => void;
  onLogout: () => void;
  onPassword?: () => void;
}) {
  return (
    <header className="topbar">
      <div className="brand">{t('app.name')}</div>
      {views.length > 1 && (
        <nav className="tabs" aria-label={t('nav.label')}>
          {views.map((id) => (
            <button
              key={id}
              type="button"
              className={`tab${id === view ? ' active' : ''}`}
              data-testid={`nav-${id}`}
              aria-current={id === view ? 'page' : undefined}
              onClick={() => onView?.(id)}
            >
              {t(VIEW_LABELS[id])}
            </button>
          ))}
        </nav>
      )}
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
        {onPassword && (
          <button type="button" className="button subtle" data-testid="password-open" onClick={onPassword}>
            {t('header.password')}
          </button>
        )}
        <button type="button" className="button subtle" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
