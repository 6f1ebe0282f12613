import { isTextKey, type Translate } from '../i18n';
import type { FieldError } from '../types';

interface FormPhrase {
  after?: string;
  row?: number;
  text?: string;
  translation?: string;
}

interface FormRule {
  id?: string;
  row?: number;
  phrase?: string;
  translation?: string;
  severity?: string;
  suggestion?: { text?: string; translation?: string };
  [other: string]: unknown;
}

interface FormScript {
  stages?: { stage?: string; phrases?: FormPhrase[] }[];
  forbidden?: FormRule[];
  [other: string]: unknown;
}

/** The script JSON as an object, or null when it is not a JSON object. */
export function parseScript(text: string): FormScript | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as FormScript) : null;
  } catch {
    return null;
  }
}

/** A new forbidden rule for the supervisor to fill in (the server names what is still missing). */
const NEW_RULE: FormRule = {
  id: '',
  row: 1,
  phrase: '',
  translation: '',
  severity: 'warn',
  suggestion: { text: '', translation: '' },
};

/**
 * A structured view of the script JSON: every stage phrase and the forbidden list (phrase, severity, what to
 * say instead), edited in place; each change is written back to the JSON. Fields the server rejected are marked
 * with its message.
 */
export function ScriptForm({
  text,
  errors,
  t,
  onText,
}: {
  text: string;
  errors: readonly FieldError[];
  t: Translate;
  onText: (text: string) => void;
}) {
  const script = parseScript(text);
  if (!script) return <p className="error-text">{t('scripts.formNeedsJson')}</p>;

  const change = (edit: (copy: FormScript) => void) => {
    const copy = structuredClone(script);
    edit(copy);
    onText(JSON.stringify(copy, null, 2));
  };
  const errorOf = (path: string) => errors.find((error) => error.field === path)?.message;
  const input = (path: string, value: string | undefined, set: (copy: FormScript, value: string) => void, multiline = false) => {
    const error = errorOf(path);
    const props = {
      'data-testid': 'script-field',
      'data-field': path,
      value: value ?? '',
      'aria-invalid': error ? true : undefined,
      title: error,
      className: error ? 'invalid' : undefined,
    };
    return multiline ? (
      <textarea {...props} rows={2} onChange={(event) => change((copy) => set(copy, event.target.value))} />
    ) : (
      <input {...props} onChange={(event) => change((copy) => set(copy, event.target.value))} />
    );
  };
  const stageName = (stage: string | undefined) => {
    const key = `stage.${stage}`;
    return stage && isTextKey(key) ? t(key) : (stage ?? '?');
  };

  return (
    <div className="script-form" data-testid="script-form">
      <h4>{t('scripts.stagePhrases')}</h4>
      {(script.stages ?? []).map((stage, i) => (
        <fieldset key={`${stage.stage}-${i}`} className="script-stage">
          <legend>{stageName(stage.stage)}</legend>
          {(stage.phrases ?? []).map((phrase, j) => {
            const path = `stages[${i}].phrases[${j}]`;
            return (
              <label key={j} className="field">
                <span>
                  {phrase.after ? t('scripts.afterStage', { stage: stageName(phrase.after) }) : t('scripts.ownPhrase')}
                  {phrase.row != null && ` · ${t('cards.row', { row: phrase.row })}`}
                </span>
                {input(`${path}.text`, phrase.text, (copy, value) => (copy.stages![i].phrases![j].text = value), true)}
                {errorOf(`${path}.text`) && <span className="error-text">{errorOf(`${path}.text`)}</span>}
              </label>
            );
          })}
        </fieldset>
      ))}

      <h4>{t('scripts.forbidden')}</h4>
      <table className="data-table script-rules">
        <thead>
          <tr>
            <th>{t('scripts.ruleRow')}</th>
            <th>{t('scripts.rulePhrase')}</th>
            <th>{t('scripts.ruleSeverity')}</th>
            <th>{t('scripts.ruleSuggestion')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(script.forbidden ?? []).map((rule, k) => {
            const path = `forbidden[${k}]`;
            const messages = errors.filter((error) => error.field.startsWith(`${path}.`) || error.field === path);
            return (
              <tr key={k} data-testid="script-rule">
                <td className="mono">{rule.row ?? ''}</td>
                <td>{input(`${path}.phrase`, rule.phrase, (copy, value) => (copy.forbidden![k].phrase = value))}</td>
                <td>
                  <select
                    data-testid="script-field"
                    data-field={`${path}.severity`}
                    value={rule.severity ?? 'warn'}
                    onChange={(event) => change((copy) => (copy.forbidden![k].severity = event.target.value))}
                  >
                    <option value="warn">{t('notes.warn')}</option>
                    <option value="block">{t('notes.block')}</option>
                  </select>
                </td>
                <td>
                  {input(`${path}.suggestion.text`, rule.suggestion?.text, (copy, value) => {
                    const target = copy.forbidden![k];
                    target.suggestion = { ...(target.suggestion ?? {}), text: value };
                  })}
                  {messages.map((message) => (
                    <div key={message.field} className="error-text">
                      <code>{message.field}</code>: {message.message}
                    </div>
                  ))}
                </td>
                <td>
                  <button
                    type="button"
                    className="button subtle danger"
                    data-testid="script-rule-remove"
                    onClick={() => change((copy) => copy.forbidden!.splice(k, 1))}
                  >
                    {t('agents.delete')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        className="button"
        data-testid="script-rule-add"
        onClick={() => change((copy) => (copy.forbidden = [...(copy.forbidden ?? []), structuredClone(NEW_RULE)]))}
      >
        {t('scripts.addRule')}
      </button>
    </div>
  );
}
