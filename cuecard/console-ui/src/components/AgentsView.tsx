import { useEffect, useState, type FormEvent } from 'react';
import { UnauthorizedError, createAgent, deleteAgent, errorMessage, fetchAgents, goToLogin, updateAgent } from '../api';
import type { Translate } from '../i18n';
import { ROLES, isRole, type Agent, type AgentChanges, type Lang } from '../types';
import { LANGUAGE_NAMES } from './Header';
import { MIN_PASSWORD } from './PasswordForm';
import { SessionsPanel } from './SessionsPanel';
import { DataTable, ProblemLine, StatusLine } from './Feedback';

/** What the agent form holds: every field as text, roles as a list. */
export interface AgentDraft {
  username: string;
  password: string;
  displayName: string;
  employeeNo: string;
  memberInterface: string;
  extension: string;
  roles: string[];
  language: Lang;
}

const EMPTY_DRAFT: AgentDraft = {
  username: '',
  password: '',
  displayName: '',
  employeeNo: '',
  memberInterface: '',
  extension: '',
  roles: ['agent'],
  language: 'zh-CN',
};

/** The queue member interface an agent gets when none is given. */
export const defaultInterface = (username: string) => `PJSIP/${username || '<username>'}`;

function draftOf(agent: Agent): AgentDraft {
  return {
    username: agent.username,
    password: '',
    displayName: agent.displayName ?? '',
    employeeNo: agent.employeeNo ?? '',
    memberInterface: agent.memberInterface ?? '',
    extension: agent.extension ?? '',
    roles: [...(agent.roles ?? [])],
    language: agent.language ?? 'zh-CN',
  };
}

/** The body of POST /api/agents: every field, empty optional ones left out so the server applies its defaults. */
export function createBody(draft: AgentDraft): AgentChanges {
  const body: AgentChanges = { username: draft.username.trim(), password: draft.password };
  const optional = ['displayName', 'employeeNo', 'memberInterface', 'extension'] as const;
  for (const field of optional) {
    const value = draft[field].trim();
    if (value) body[field] = value;
  }
  body.roles = ROLES.filter((role) => draft.roles.includes(role));
  body.language = draft.language;
  return body;
}

/**
 * The body of PUT /api/agents/{username}: only what differs from the agent as loaded. An empty password keeps
 * the old one; an emptied interface goes back to the default; an emptied extension is removed.
 */
export function changedFields(agent: Agent, draft: AgentDraft): AgentChanges {
  const changes: AgentChanges = {};
  if (draft.password) changes.password = draft.password;
  const displayName = draft.displayName.trim();
  if (displayName !== (agent.displayName ?? '')) changes.displayName = displayName;
  const employeeNo = draft.employeeNo.trim();
  if (employeeNo !== (agent.employeeNo ?? '')) changes.employeeNo = employeeNo;
  const memberInterface = draft.memberInterface.trim() || defaultInterface(agent.username);
  if (memberInterface !== (agent.memberInterface ?? '')) changes.memberInterface = memberInterface;
  const extension = draft.extension.trim();
  if (extension !== (agent.extension ?? '')) changes.extension = extension;
  const roles = ROLES.filter((role) => draft.roles.includes(role));
  const before = ROLES.filter((role) => (agent.roles ?? []).includes(role));
  if (roles.join() !== before.join()) changes.roles = roles;
  if (draft.language !== (agent.language ?? 'zh-CN')) changes.language = draft.language;
  return changes;
}

type FormMode = { kind: 'create' } | { kind: 'edit'; agent: Agent };

/** The create / edit form of one agent; errors from the server are shown next to it. */
function AgentForm({
  mode,
  t,
  onSaved,
  onCancel,
}: {
  mode: FormMode;
  t: Translate;
  onSaved: (agent: Agent, created: boolean) => void;
  onCancel: () => void;
}) {
  const editing = mode.kind === 'edit' ? mode.agent : null;
  const [draft, setDraft] = useState<AgentDraft>(() => (editing ? draftOf(editing) : EMPTY_DRAFT));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<AgentDraft>) => setDraft((current) => ({ ...current, ...change }));
  const toggleRole = (role: string, on: boolean) =>
    set({ roles: on ? [...draft.roles.filter((r) => r !== role), role] : draft.roles.filter((r) => r !== role) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (draft.roles.length === 0) {
      setError(t('agents.rolesRequired'));
      return;
    }
    let request: Promise<Agent>;
    if (editing) {
      const changes = changedFields(editing, draft);
      if (Object.keys(changes).length === 0) {
        setError(t('agents.unchanged'));
        return;
      }
      request = updateAgent(editing.username, changes);
    } else {
      request = createAgent(createBody(draft));
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await request;
      onSaved(saved, !editing);
    } catch (failure) {
      if (failure instanceof UnauthorizedError) goToLogin();
      else setError(errorMessage(failure));
      setSaving(false);
    }
  };

  const id = (field: string) => `agent-${field}`;
  return (
    <form className="card agent-form" data-testid="agent-form" onSubmit={submit}>
      <h2>{editing ? t('agents.editing', { username: editing.username }) : t('agents.new')}</h2>
      <div className="form-grid">
        <label className="field" htmlFor={id('username')}>
          <span>{t('agents.username')}</span>
          <input
            id={id('username')}
            name="username"
            value={draft.username}
            readOnly={Boolean(editing)}
            required
            autoComplete="off"
            onChange={(e) => set({ username: e.target.value })}
          />
        </label>
        <label className="field" htmlFor={id('password')}>
          <span>{t('agents.password')}</span>
          <input
            id={id('password')}
            name="password"
            type="password"
            value={draft.password}
            required={!editing}
            minLength={MIN_PASSWORD}
            autoComplete="new-password"
            placeholder={editing ? t('agents.passwordKeep') : undefined}
            onChange={(e) => set({ password: e.target.value })}
          />
          <small className="muted">{t('agents.passwordRule')}</small>
        </label>
        <label className="field" htmlFor={id('displayName')}>
          <span>{t('agents.displayName')}</span>
          <input
            id={id('displayName')}
            name="displayName"
            value={draft.displayName}
            maxLength={100}
            onChange={(e) => set({ displayName: e.target.value })}
          />
        </label>
        <label className="field" htmlFor={id('employeeNo')}>
          <span>{t('agents.employeeNo')}</span>
          <input id={id('employeeNo')} name="employeeNo" value={draft.employeeNo} onChange={(e) => set({ employeeNo: e.target.value })} />
        </label>
        <label className="field" htmlFor={id('memberInterface')}>
          <span>{t('agents.memberInterface')}</span>
          <input
            id={id('memberInterface')}
            name="memberInterface"
            className="mono"
            value={draft.memberInterface}
            placeholder={defaultInterface(draft.username)}
            onChange={(e) => set({ memberInterface: e.target.value })}
          />
          <small className="muted">{t('agents.memberInterfaceHint', { value: defaultInterface(draft.username) })}</small>
        </label>
        <label className="field" htmlFor={id('extension')}>
          <span>{t('agents.extension')}</span>
          <input
            id={id('extension')}
            name="extension"
            className="mono"
            inputMode="numeric"
            value={draft.extension}
            onChange={(e) => set({ extension: e.target.value })}
          />
        </label>
        <fieldset className="field roles">
          <legend>{t('agents.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                name={`role-${role}`}
                checked={draft.roles.includes(role)}
                onChange={(e) => toggleRole(role, e.target.checked)}
              />
              {t(`role.${role}`)}
            </label>
          ))}
        </fieldset>
        <label className="field" htmlFor={id('language')}>
          <span>{t('agents.language')}</span>
          <select
            id={id('language')}
            name="language"
            value={draft.language}
            onChange={(e) => set({ language: e.target.value as Lang })}
          >
            {(Object.keys(LANGUAGE_NAMES) as Lang[]).map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="error-text form-error" role="alert" data-testid="agent-form-error">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('agents.saving') : editing ? t('agents.save') : t('agents.create')}
        </button>
        <button type="button" className="button subtle" onClick={onCancel}>
          {t('agents.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Agent management for admins: the list, a form to create or change one, and deletion after confirming. */
export function AgentsView({ me, t }: { me: string; t: Translate }) {
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<{ username: string; error: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [form, setForm] = useState<FormMode | null>(null);
  const [sessionsOf, setSessionsOf] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    fetchAgents().then(
      (list) => {
        if (cancelled) return;
        setAgents(Array.isArray(list) ? list : []);
        setLoadError(null);
      },
      (failure) => {
        if (cancelled) return;
        if (failure instanceof UnauthorizedError) goToLogin();
        else setLoadError(errorMessage(failure));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [reloads]);

  const saved = (agent: Agent, created: boolean) => {
    setForm(null);
    setDeleteError(null);
    setNotice(t(created ? 'agents.created' : 'agents.saved', { username: agent.username }));
    setReloads((n) => n + 1);
  };

  const remove = async (agent: Agent) => {
    if (!window.confirm(t('agents.confirmDelete', { username: agent.username }))) return;
    setNotice(null);
    setDeleteError(null);
    try {
      await deleteAgent(agent.username);
      setNotice(t('agents.deleted', { username: agent.username }));
      if (form?.kind === 'edit' && form.agent.username === agent.username) setForm(null);
      setReloads((n) => n + 1);
    } catch (failure) {
      if (failure instanceof UnauthorizedError) goToLogin();
      else setDeleteError({ username: agent.username, error: errorMessage(failure) });
    }
  };

  const open = (mode: FormMode) => {
    setNotice(null);
    setDeleteError(null);
    setForm(mode);
  };

  return (
    <div className="agents-layout">
      <section className="card agents" data-testid="agents">
        <div className="section-head">
          <h2>{t('agents.title')}</h2>
          <button type="button" className="button primary push-right" data-testid="agent-new" onClick={() => open({ kind: 'create' })}>
            {t('agents.new')}
          </button>
        </div>
        <StatusLine text={notice} testId="agents-notice" />
        <ProblemLine
          text={loadError ? t('agents.loadFailed', { error: loadError }) : deleteError ? t('agents.deleteFailed', deleteError) : null}
          testId="agents-error"
        />
        {agents && agents.length === 0 && <p className="muted">{t('agents.empty')}</p>}
        {agents && agents.length > 0 && (
          <DataTable
            testId="agents-table"
            headings={[
              t('agents.username'),
              t('agents.displayName'),
              t('agents.employeeNo'),
              t('agents.memberInterface'),
              t('agents.extension'),
              t('agents.roles'),
              t('agents.language'),
              t('agents.actions'),
            ]}
          >
            {agents.map((agent) => (
              <tr key={agent.username} data-testid="agents-row" data-username={agent.username}>
                <td className="mono">{agent.username}</td>
                <td>{agent.displayName}</td>
                <td className="mono">{agent.employeeNo || '—'}</td>
                <td className="mono">{agent.memberInterface || '—'}</td>
                <td className="mono">{agent.extension || '—'}</td>
                <td>
                  {(agent.roles ?? []).map((role) => (
                    <span key={role} className={`badge role role-${role}`}>
                      {isRole(role) ? t(`role.${role}`) : role}
                    </span>
                  ))}
                </td>
                <td>{agent.language ? LANGUAGE_NAMES[agent.language] ?? agent.language : '—'}</td>
                <td className="row-actions">
                  <button type="button" className="button subtle" data-testid="agent-edit" onClick={() => open({ kind: 'edit', agent })}>
                    {t('agents.edit')}
                  </button>
                  <button
                    type="button"
                    className="button subtle"
                    data-testid="agent-sessions"
                    onClick={() => setSessionsOf(agent.username)}
                  >
                    {t('agents.sessions')}
                  </button>
                  <button
                    type="button"
                    className="button subtle danger"
                    data-testid="agent-delete"
                    disabled={agent.username === me}
                    title={agent.username === me ? t('agents.cannotDeleteSelf') : undefined}
                    onClick={() => void remove(agent)}
                  >
                    {t('agents.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      {sessionsOf && (
        <SessionsPanel key={sessionsOf} username={sessionsOf} t={t} onClose={() => setSessionsOf(null)} />
      )}
      {form && (
        <AgentForm
          key={form.kind === 'edit' ? `edit-${form.agent.username}` : 'create'}
          mode={form}
          t={t}
          onSaved={saved}
          onCancel={() => setForm(null)}
        />
      )}
    </div>
  );
}
