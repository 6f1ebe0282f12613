import { distinctHits } from '../highlight';
import type { Translate } from '../i18n';
import type { Hit } from '../types';

/** The forbidden phrases found in notes, once per rule and phrase, with what to say instead; nothing when none. */
export function HitsList({ hits, t }: { hits: readonly Hit[]; t: Translate }) {
  if (hits.length === 0) return null;
  return (
    <div className="hits-list" role="status">
      <h4>{t('notes.hitsTitle')}</h4>
      <ul>
        {distinctHits(hits).map(({ hit, count }) => (
          <li
            key={`${hit.ruleId}-${hit.phrase}`}
            className={`hit-item hit-${hit.severity}`}
            data-testid="hit-item"
            title={hit.suggestion}
          >
            <span className="hit-severity">{t(hit.severity === 'block' ? 'notes.block' : 'notes.warn')}</span>
            <span className="hit-phrase">{hit.phrase}</span>
            {count > 1 && <span className="hit-count">×{count}</span>}
            <span className="hit-arrow">→</span>
            <span className="hit-suggestion">{t('notes.use', { suggestion: hit.suggestion })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
