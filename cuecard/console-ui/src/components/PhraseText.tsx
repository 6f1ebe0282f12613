import { isTextKey, type Translate } from '../i18n';

const PLACEHOLDER = /\{([A-Za-z]\w*)\}/g;

/**
 * A script phrase; variables Cuecard could not fill (e.g. {surname} without a customer record) stay visible as
 * marked slots the agent fills in as they speak, never as raw braces and never silently dropped.
 */
export function PhraseText({ text: given, t }: { text: string | null | undefined; t: Translate }) {
  const text = given ?? '';
  const parts: Array<string | { name: string }> = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push({ name: match[1] });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <>
      {parts.map((part, i) => {
        if (typeof part === 'string') return <span key={i}>{part}</span>;
        const key = `var.${part.name}`;
        const label = isTextKey(key) ? t(key) : part.name;
        return (
          <span key={i} className="placeholder" data-testid="placeholder" data-var={part.name} title={t('script.placeholder', { name: label })}>
            {label}
          </span>
        );
      })}
    </>
  );
}
