import type { Segment } from '../highlight';
import type { Translate } from '../i18n';

/** Text with its forbidden-phrase hits marked; hovering a mark tells the standard phrase to use instead. */
export function MarkedSegments({ segments, t }: { segments: readonly Segment[]; t: Translate }) {
  return (
    <>
      {segments.map((part) =>
        part.hit ? (
          <mark
            key={part.start}
            className={`hit hit-${part.hit.severity}`}
            data-testid="hit"
            data-phrase={part.hit.phrase}
            title={t('notes.use', { suggestion: part.hit.suggestion })}
          >
            {part.text}
          </mark>
        ) : (
          <span key={part.start}>{part.text}</span>
        ),
      )}
    </>
  );
}
