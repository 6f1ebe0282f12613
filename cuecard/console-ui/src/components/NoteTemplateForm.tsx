import type { Translate } from '../i18n';
import { localized } from '../noteTemplates';
import type { Lang, NoteStructure, NoteTemplate } from '../types';

const KINDS = ['consulting', 'rescue', 'complaint'] as const;

/**
 * The structured part of the notes: a template picker (grouped by consulting, rescue and complaint) and the
 * chosen template's fields, required ones marked; fields the server reported missing are highlighted.
 */
export function NoteTemplateForm({
  templates,
  structure,
  missingFields,
  lang,
  t,
  locked,
  canInsert,
  onChange,
  onInsert,
}: {
  templates: readonly NoteTemplate[];
  structure: NoteStructure;
  missingFields: readonly string[];
  lang: Lang;
  t: Translate;
  locked: boolean;
  /** Whether the standard sentence is missing from the notes (the agent rewrote it) and can be inserted. */
  canInsert: boolean;
  onChange: (structure: NoteStructure) => void;
  onInsert: () => void;
}) {
  const template = templates.find((candidate) => candidate.id === structure.template) ?? null;
  const others = templates.filter((candidate) => !(KINDS as readonly string[]).includes(candidate.kind));
  const missing = missingFields.filter((id) => !structure.fields[id]?.trim());
  const option = (candidate: NoteTemplate) => (
    <option key={candidate.id} value={candidate.id}>
      {localized(candidate.name, lang, candidate.id)}
    </option>
  );
  return (
    <div className="note-template" data-testid="note-template-form">
      <label className="field">
        <span>{t('notes.template')}</span>
        <select
          data-testid="note-template"
          value={structure.template ?? ''}
          disabled={locked}
          onChange={(event) => onChange({ template: event.target.value || null, fields: structure.fields })}
        >
          <option value="">{t('notes.noTemplate')}</option>
          {KINDS.map((kind) => {
            const ofKind = templates.filter((candidate) => candidate.kind === kind);
            return ofKind.length > 0 ? (
              <optgroup key={kind} label={t(`notes.kind.${kind}`)}>
                {ofKind.map(option)}
              </optgroup>
            ) : null;
          })}
          {others.map(option)}
          {structure.template && !template && <option value={structure.template}>{structure.template}</option>}
        </select>
      </label>
      {template && (
        <div className="note-fields">
          {template.fields.map((field) => {
            const isMissing = missing.includes(field.id);
            return (
              <label key={field.id} className={`field${isMissing ? ' missing' : ''}`}>
                <span>
                  {localized(field.label, lang, field.id)}
                  {field.required && (
                    <abbr className="required-mark" title={t('notes.required')}>
                      {' *'}
                    </abbr>
                  )}
                </span>
                <input
                  data-testid={`note-field-${field.id}`}
                  value={structure.fields[field.id] ?? ''}
                  required={field.required}
                  aria-required={field.required}
                  aria-invalid={isMissing || undefined}
                  readOnly={locked}
                  onChange={(event) =>
                    onChange({ template: structure.template, fields: { ...structure.fields, [field.id]: event.target.value } })
                  }
                />
              </label>
            );
          })}
        </div>
      )}
      {missing.length > 0 && (
        <p className="error-text" role="alert" data-testid="notes-missing">
          {t('notes.missing', {
            fields: missing
              .map((id) => localized(template?.fields.find((field) => field.id === id)?.label, lang, id))
              .join(lang === 'zh-CN' ? '、' : ', '),
          })}
        </p>
      )}
      {template && canInsert && !locked && (
        <button type="button" className="button subtle" data-testid="fill-sentence" onClick={onInsert}>
          {t('notes.insertSentence')}
        </button>
      )}
    </div>
  );
}
