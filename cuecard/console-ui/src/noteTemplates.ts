import type { Lang, Localized, NoteTemplate } from './types';

/** A localised text in the console's language, falling back to the other language, then to `fallback`. */
export function localized(text: Localized | null | undefined, lang: Lang, fallback = ''): string {
  return text?.[lang] || text?.en || text?.['zh-CN'] || fallback;
}

/**
 * The template's standard sentence with its `{fieldId}` placeholders filled from the fields. A field left
 * empty keeps its placeholder, so an unfilled value stays visible instead of silently blank.
 */
export function renderSentence(template: NoteTemplate, fields: Readonly<Record<string, string>>): string {
  return template.sentence.replace(/\{([^{}]+)\}/g, (whole, id: string) => {
    const value = fields[id]?.trim();
    return value ? value : whole;
  });
}

/** The ids of the template's required fields that are still empty. */
export function missingRequired(template: NoteTemplate, fields: Readonly<Record<string, string>>): string[] {
  return template.fields.filter((field) => field.required && !fields[field.id]?.trim()).map((field) => field.id);
}

/**
 * The notes text after the standard sentence changed from `previous` to `next`: the sentence is replaced where
 * it stands (keeping what the agent wrote around it), empty notes get it, and notes in which the agent edited
 * the sentence itself are left alone (null: the agent can still insert it explicitly).
 */
export function updateSentence(text: string, previous: string | null, next: string): string | null {
  if (text.trim() === '') return next;
  if (previous && text.includes(previous)) return text.replace(previous, () => next);
  return null;
}

/** The notes with the standard sentence added on a line of its own. */
export function appendSentence(text: string, sentence: string): string {
  if (text.trim() === '') return sentence;
  return text.endsWith('\n') ? text + sentence : `${text}\n${sentence}`;
}
