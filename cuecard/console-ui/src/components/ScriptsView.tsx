import { useCallback, useEffect, useState } from 'react';
import {
  ApiError,
  UnauthorizedError,
  errorMessage,
  fetchScript,
  fetchScriptVersion,
  fetchScriptVersions,
  fetchScripts,
  goToLogin,
  importScript,
  saveScript,
  scriptExportUrl,
} from '../api';
import { formatDateTime } from '../format';
import type { Translate } from '../i18n';
import type { FieldError, Lang, ScriptSummary, ScriptVersion } from '../types';
import { StatusLine } from './Feedback';
import { ScriptForm } from './ScriptForm';

/** What went wrong with a save or an import: the message, and the validation errors field by field. */
interface Problem {
  message: string;
  fields: FieldError[];
}

function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return { message: error.message, fields: error.fields };
  return { message: errorMessage(error), fields: [] };
}

/** The version number of a script or a save answer, when it has one. */
function versionOf(value: unknown): number | null {
  const version = (value as { version?: unknown } | null)?.version;
  return typeof version === 'number' ? version : null;
}

const pretty = (script: unknown) => JSON.stringify(script, null, 2);

/**
 * The script editor for supervisors and admins: the scripts, one script as JSON with its versions, saving a
 * new version (validation errors field by field), export as JSON or YAML, and import of a new script.
 */
export function ScriptsView({ lang, t }: { lang: Lang; t: Translate }) {
  const [scripts, setScripts] = useState<ScriptSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [loadedText, setLoadedText] = useState('');
  const [shownVersion, setShownVersion] = useState<number | null>(null);
  const [versions, setVersions] = useState<ScriptVersion[]>([]);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [mode, setMode] = useState<'json' | 'form'>('json');

  const failed = useCallback((error: unknown, show: (problem: Problem) => void) => {
    if (error instanceof UnauthorizedError) goToLogin();
    else show(problemOf(error));
  }, []);

  const loadList = useCallback(() => {
    fetchScripts().then(
      (list) => {
        setScripts(Array.isArray(list) ? list : []);
        setListError(null);
      },
      (error) => failed(error, (p) => setListError(p.message)),
    );
  }, [failed]);

  useEffect(loadList, [loadList]);

  const loadVersions = (id: string) =>
    fetchScriptVersions(id).then(
      (list) => setVersions(Array.isArray(list) ? [...list].sort((a, b) => b.version - a.version) : []),
      (error) => failed(error, () => setVersions([])),
    );

  const show = (script: unknown) => {
    const json = pretty(script);
    setText(json);
    setLoadedText(json);
    setShownVersion(versionOf(script));
  };

  const open = (id: string) => {
    if (id !== openId && text !== loadedText && !window.confirm(t('scripts.discard'))) return;
    setOpenId(id);
    setProblem(null);
    setNotice(null);
    setLoading(true);
    Promise.all([
      fetchScript(id).then(show),
      loadVersions(id),
    ])
      .catch((error) => failed(error, setProblem))
      .finally(() => setLoading(false));
  };

  const openVersion = (version: number) => {
    if (!openId) return;
    setProblem(null);
    setNotice(null);
    fetchScriptVersion(openId, version).then(show, (error) => failed(error, setProblem));
  };

  const save = () => {
    if (!openId) return;
    let script: unknown;
    try {
      script = JSON.parse(text);
    } catch (error) {
      setProblem({ message: t('scripts.badJson', { error: errorMessage(error) }), fields: [] });
      return;
    }
    setSaving(true);
    setProblem(null);
    setNotice(null);
    saveScript(openId, script)
      .then(async (answer) => {
        const latest = await fetchScript(openId);
        show(latest);
        const version = versionOf(answer) ?? versionOf(latest);
        setNotice(version !== null ? t('scripts.saved', { version }) : t('scripts.savedNoVersion'));
        loadList();
        await loadVersions(openId);
      })
      .catch((error) => failed(error, setProblem))
      .finally(() => setSaving(false));
  };

  const importFile = async (file: File) => {
    setProblem(null);
    setNotice(null);
    try {
      const created = await importScript(file.name, await file.text());
      const id = typeof created?.id === 'string' ? created.id : null;
      setNotice(t('scripts.imported', { name: file.name }));
      loadList();
      if (id) {
        setOpenId(id);
        show(created);
        await loadVersions(id);
      }
    } catch (error) {
      failed(error, setProblem);
    }
  };

  const current = scripts?.find((script) => script.id === openId) ?? null;
  const latestVersion = current?.version ?? versions[0]?.version ?? null;
  const oldVersion = shownVersion !== null && latestVersion !== null && shownVersion < latestVersion;
  return (
    <section className="card scripts-view" data-testid="scripts-view">
      <div className="section-head">
        <h2>{t('scripts.title')}</h2>
        <label className="button subtle push-right file-button">
          {t('scripts.import')}
          <input
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml"
            data-testid="script-import"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
      {listError && (
        <p className="error-text" role="alert">
          {t('scripts.loadFailed', { error: listError })}
        </p>
      )}
      {scripts === null && !listError && <p className="muted">{t('calls.loading')}</p>}
      {scripts && scripts.length === 0 && <p className="muted">{t('scripts.empty')}</p>}
      {scripts && scripts.length > 0 && (
        <table className="data-table" data-testid="scripts-list">
          <thead>
            <tr>
              <th>{t('scripts.name')}</th>
              <th>{t('scripts.id')}</th>
              <th>{t('scripts.language')}</th>
              <th>{t('scripts.version')}</th>
              <th>{t('scripts.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {scripts.map((script) => (
              <tr
                key={script.id}
                className={`clickable${script.id === openId ? ' selected' : ''}`}
                data-testid="script-row"
                data-script-id={script.id}
                onClick={() => open(script.id)}
              >
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={(event) => {
                      event.stopPropagation();
                      open(script.id);
                    }}
                  >
                    {script.name || script.id}
                  </button>
                </td>
                <td className="mono">{script.id}</td>
                <td>{script.language}</td>
                <td>{script.version}</td>
                <td>
                  {formatDateTime(script.updatedAt, lang)}
                  {script.updatedBy && <span className="muted"> · {script.updatedBy}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {problem && (
        <div className="error-text script-errors" role="alert" data-testid="script-errors">
          <p>{problem.message}</p>
          {problem.fields.length > 0 && (
            <ul>
              {problem.fields.map((field, index) => (
                <li key={`${field.field}-${index}`} data-testid="script-field-error" data-field={field.field}>
                  <code>{field.field}</code>: {field.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <StatusLine text={notice} testId="script-notice" />

      {openId && (
        <div className="script-editor-pane">
          <div className="section-head">
            <h3>
              {current?.name ?? openId}
              {shownVersion !== null && (
                <span className="muted" data-testid="script-version">
                  {' '}
                  {t('scripts.versionN', { version: shownVersion })}
                </span>
              )}
            </h3>
            <span className="push-right export-links">
              <a className="button subtle" data-testid="script-export-json" href={scriptExportUrl(openId, 'json')} download>
                {t('scripts.exportJson')}
              </a>
              <a className="button subtle" data-testid="script-export-yaml" href={scriptExportUrl(openId, 'yaml')} download>
                {t('scripts.exportYaml')}
              </a>
            </span>
          </div>
          {oldVersion && (
            <p className="muted" data-testid="script-old-version">
              {t('scripts.oldVersion', { version: shownVersion, latest: latestVersion })}
            </p>
          )}
          <div className="tabs editor-modes" role="group" aria-label={t('scripts.editor')}>
            {(['json', 'form'] as const).map((id) => (
              <button
                key={id}
                type="button"
                className={`tab${mode === id ? ' active' : ''}`}
                aria-pressed={mode === id}
                data-testid={`script-mode-${id}`}
                onClick={() => setMode(id)}
              >
                {t(id === 'json' ? 'scripts.modeJson' : 'scripts.modeForm')}
              </button>
            ))}
          </div>
          <div className="script-editor-layout">
            {mode === 'json' ? (
              <textarea
                className="script-json mono"
                data-testid="script-editor"
                aria-label={t('scripts.editor')}
                spellCheck={false}
                value={text}
                disabled={loading}
                onChange={(event) => setText(event.target.value)}
              />
            ) : (
              <ScriptForm text={text} errors={problem?.fields ?? []} t={t} onText={setText} />
            )}
            <aside className="script-versions">
              <h4>{t('scripts.versions')}</h4>
              <ol data-testid="script-versions">
                {versions.map((version) => (
                  <li key={version.version} data-testid="script-version-item">
                    <button
                      type="button"
                      className={`link${version.version === shownVersion ? ' active' : ''}`}
                      onClick={() => openVersion(version.version)}
                    >
                      {t('scripts.versionN', { version: version.version })}
                    </button>
                    <span className="muted">
                      {' '}
                      {formatDateTime(version.updatedAt, lang)}
                      {version.updatedBy && ` · ${version.updatedBy}`}
                    </span>
                  </li>
                ))}
              </ol>
            </aside>
          </div>
          <div className="script-actions">
            <button
              type="button"
              className="button primary"
              data-testid="script-save"
              disabled={saving || loading || (text === loadedText && !oldVersion)}
              onClick={save}
            >
              {saving ? t('agents.saving') : t('scripts.save')}
            </button>
            <span className="muted">{t('scripts.saveHint')}</span>
          </div>
        </div>
      )}
    </section>
  );
}
