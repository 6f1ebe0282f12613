import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ConsoleActions } from '../actions';
import {
  UnauthorizedError,
  fetchAgents,
  fetchMe,
  fetchNoteTemplates,
  fetchRecentCalls,
  goToLogin,
  isLoggedIn,
  logout,
  saveLanguage,
} from '../api';
import { DraftStore } from '../drafts';
import { initialLang, rememberLang, toLang, translator } from '../i18n';
import { ConsoleSocket, consoleSocketUrl } from '../socket';
import { consoleReducer, currentCall, initialConsoleState, liveCalls } from '../state';
import type { Agent, CallLog, ClientMessage, Lang, Me, NoteTemplate } from '../types';
import { AgentWorkspace } from './AgentWorkspace';
import { Banners } from './Banners';
import { AgentsView } from './AgentsView';
import { CallLogView } from './CallLogView';
import { Header, type ViewId } from './Header';
import { History } from './History';
import { PasswordForm } from './PasswordForm';
import { ScriptsView } from './ScriptsView';
import { SupervisorGrid } from './SupervisorGrid';
import { useNow } from './useNow';
import { errorText } from './TransferPanel';
import { isReadyRefusal } from './WrapUpPanel';

const RECENT_CALLS = 10;
const PROFILE_RETRY_MS = 3000;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Whether this user supervises: sees every live call, the call log and the scripts, and may list agents. */
export function supervises(roles: readonly string[]): boolean {
  return roles.includes('supervisor') || roles.includes('admin');
}

/**
 * The views a user may open: everyone has the live view; supervisors and admins the call log and the script
 * editor; admins agent management.
 */
export function availableViews(roles: readonly string[]): ViewId[] {
  const views: ViewId[] = ['live'];
  if (supervises(roles)) views.push('calls', 'scripts');
  if (roles.includes('admin')) views.push('agents');
  return views;
}

/** The agent console: loads who is logged in, keeps the console WebSocket, and lays the page out. */
export function App() {
  const [lang, setLang] = useState<Lang>(() => initialLang(storage(), navigator.languages ?? [navigator.language]));
  const [me, setMe] = useState<Me | null>(null);
  const [profileFailed, setProfileFailed] = useState(false);
  const [state, dispatch] = useReducer(consoleReducer, initialConsoleState);
  const [history, setHistory] = useState<CallLog[] | null>(null);
  const [view, setView] = useState<ViewId>('live');
  // views stay mounted once opened, so filters, pages and half-filled forms survive switching tabs
  const [opened, setOpened] = useState<ReadonlySet<ViewId>>(() => new Set(['live']));
  const [historyFailed, setHistoryFailed] = useState(false);
  const [noteTemplates, setNoteTemplates] = useState<NoteTemplate[]>([]);
  const [colleagues, setColleagues] = useState<Agent[] | null>(null);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const socket = useRef<ConsoleSocket | null>(null);
  const nextRequestId = useRef(1);
  const drafts = useMemo(() => new DraftStore(), []);
  const now = useNow();
  const t = useMemo(() => translator(lang), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('app.name')} · ${t('login.subtitle')}`;
  }, [lang, t]);

  useEffect(() => {
    drafts.prune();
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchMe().then(
        (profile) => {
          if (cancelled) return;
          setMe(profile);
          setProfileFailed(false);
          const preferred = toLang(profile.language);
          if (preferred) {
            setLang(preferred);
            rememberLang(storage(), preferred);
          }
        },
        (error) => {
          if (cancelled) return;
          if (error instanceof UnauthorizedError) {
            goToLogin();
            return;
          }
          console.error('cuecard: loading the profile failed', error);
          setProfileFailed(true);
          retry = setTimeout(load, PROFILE_RETRY_MS);
        },
      );
    };
    load();
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [drafts]);

  const loggedIn = me !== null;
  useEffect(() => {
    if (!loggedIn) return;
    const link = new ConsoleSocket({
      url: consoleSocketUrl(window.location),
      onFrame: (frame) => dispatch({ kind: 'frame', frame }),
      onStatus: (status) => dispatch({ kind: 'connection', status }),
      onUnauthorized: () => goToLogin(),
      checkLoggedIn: isLoggedIn,
    });
    socket.current = link;
    link.connect();
    return () => {
      link.close();
      socket.current = null;
    };
  }, [loggedIn]);

  // note templates for everyone; the agent list for transfers only for those who may read it
  useEffect(() => {
    if (!me) return;
    let cancelled = false;
    fetchNoteTemplates().then(
      (templates) => {
        if (!cancelled && Array.isArray(templates)) setNoteTemplates(templates);
      },
      (error) => console.warn('cuecard: could not load the note templates', error),
    );
    if (supervises(me.roles)) {
      fetchAgents().then(
        (agents) => {
          if (!cancelled && Array.isArray(agents)) setColleagues(agents);
        },
        (error) => console.warn('cuecard: could not load the agents for transfers', error),
      );
    }
    return () => {
      cancelled = true;
    };
  }, [me]);

  // the recent calls: at start, after every reconnect and whenever a call leaves the live list
  useEffect(() => {
    if (!me) return;
    let cancelled = false;
    fetchRecentCalls(me.username, RECENT_CALLS).then(
      (page) => {
        if (cancelled) return;
        setHistory(Array.isArray(page?.items) ? page.items : []);
        setHistoryFailed(false);
      },
      (error) => {
        if (cancelled) return;
        if (error instanceof UnauthorizedError) goToLogin();
        else setHistoryFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [me, state.historyVersion]);

  // drafts of calls that reached the call log are no longer needed: the server has the final notes
  // (only once a snapshot says which calls are still live, so a draft being wrapped up is kept)
  useEffect(() => {
    if (state.snapshots === 0) return;
    for (const call of history ?? []) if (!state.calls[call.id]) drafts.remove(call.id);
  }, [history, state.calls, state.snapshots, drafts]);

  const send = useCallback((message: ClientMessage) => socket.current?.send(message) ?? false, []);
  const actions = useMemo<ConsoleActions>(
    () => ({
      saidIt: (callId) => void send({ type: 'said-it', callId }),
      closing: (callId) => void send({ type: 'closing', callId }),
      notes: (callId, text, structure) => {
        const requestId = nextRequestId.current++;
        const message: ClientMessage = {
          type: 'notes',
          callId,
          text,
          requestId,
          template: structure.template,
          fields: structure.fields,
        };
        return send(message) ? requestId : null;
      },
      disposition: (callId, code) => void send({ type: 'disposition', callId, code }),
      ready: (justification) => {
        dispatch({ kind: 'dismiss-error' }); // a refusal of the previous "ready" is answered now
        send({ type: 'ready', justification });
      },
      holdConsent: (callId) => send({ type: 'hold-consent', callId }),
      transferConsent: (callId) => send({ type: 'transfer-consent', callId }),
      transfer: (callId, request) => send({ type: 'transfer', callId, ...request }),
      completeTransfer: (callId) => send({ type: 'transfer-complete', callId }),
      cancelTransfer: (callId) => send({ type: 'transfer-cancel', callId }),
      callback: (callId, note) => send({ type: 'callback', callId, note }),
    }),
    [send],
  );

  const changeLanguage = (next: Lang) => {
    setLang(next);
    rememberLang(storage(), next);
    saveLanguage(next).catch((error) => {
      if (error instanceof UnauthorizedError) goToLogin();
      else console.warn('cuecard: the server did not save the language', error);
    });
  };

  const onLogout = () => {
    socket.current?.close();
    logout()
      .catch((error) => console.warn('cuecard: logout failed', error))
      .finally(() => goToLogin(false));
  };

  if (!me) {
    return <div className="loading">{profileFailed ? t('app.loadFailed') : t('app.loading')}</div>;
  }

  // the server sends supervisors and admins every live call
  const watchesAll = supervises(me.roles);
  const views = availableViews(me.roles);
  const shown = views.includes(view) ? view : 'live';
  const openView = (next: ViewId) => {
    setView(next);
    setOpened((current) => (current.has(next) ? current : new Set([...current, next])));
  };
  const mine = currentCall(state, me.username);
  const connected = state.connection === 'open' && state.snapshots > 0;
  return (
    <div className="app">
      <Header
        me={me}
        agentState={state.agentState.state}
        lang={lang}
        t={t}
        views={views}
        view={shown}
        onView={openView}
        onLanguage={changeLanguage}
        onLogout={onLogout}
        onPassword={() => setPasswordOpen(true)}
      />
      {passwordOpen && <PasswordForm t={t} onClose={() => setPasswordOpen(false)} />}
      <Banners connection={state.connection} pbxConnected={state.pbxConnected} overload={state.overload} t={t} />
      {state.lastError && !isReadyRefusal(state.lastError) && (
        <div className="banner banner-info" role="status" data-testid="server-error">
          <span>{errorText(state.lastError, t)}</span>
          <button type="button" className="link" onClick={() => dispatch({ kind: 'dismiss-error' })}>
            {t('error.dismiss')}
          </button>
        </div>
      )}
      <main className="layout" hidden={shown !== 'live'} data-testid="view-live">
        <div className="main-col">
          {(!watchesAll || me.roles.includes('agent') || mine) && (
            <AgentWorkspace
              call={mine}
              agentState={state.agentState}
              dispositions={state.dispositions}
              notesHits={mine ? state.notesHits[mine.id] : undefined}
              connected={connected}
              snapshots={state.snapshots}
              now={now}
              lang={lang}
              t={t}
              drafts={drafts}
              actions={actions}
              me={me.username}
              colleagues={colleagues}
              noteTemplates={noteTemplates}
              lastError={state.lastError}
            />
          )}
          {watchesAll && <SupervisorGrid calls={liveCalls(state)} now={now} t={t} />}
        </div>
        <aside className="side-col">
          <History calls={history} failed={historyFailed} lang={lang} t={t} />
        </aside>
      </main>
      {views.includes('calls') && opened.has('calls') && (
        <main className="page" hidden={shown !== 'calls'} data-testid="view-calls">
          <CallLogView lang={lang} t={t} />
        </main>
      )}
      {views.includes('scripts') && opened.has('scripts') && (
        <main className="page" hidden={shown !== 'scripts'} data-testid="view-scripts">
          <ScriptsView lang={lang} t={t} />
        </main>
      )}
      {views.includes('agents') && opened.has('agents') && (
        <main className="page" hidden={shown !== 'agents'} data-testid="view-agents">
          <AgentsView me={me.username} t={t} />
        </main>
      )}
    </div>
  );
}
