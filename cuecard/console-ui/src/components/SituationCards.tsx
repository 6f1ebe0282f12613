import { useState } from 'react';
import { textLang } from '../format';
import type { Translate } from '../i18n';
import type { ScriptCard } from '../types';

/** The situational cards of the script as a row of buttons; the open card shows its phrase large. */
export function SituationCards({ cards, t }: { cards: readonly ScriptCard[]; t: Translate }) {
  const [openId, setOpenId] = useState<string | null>(null);
  if (cards.length === 0) return null;
  const open = cards.find((card) => card.id === openId) ?? null;
  return (
    <section className="situation-cards" data-testid="situation-cards">
      <div className="section-head">
        <h3>{t('cards.title')}</h3>
      </div>
      <div className="card-buttons" role="group" aria-label={t('cards.title')}>
        {cards.map((card) => (
          <button
            key={card.id}
            type="button"
            className={`chip${card.id === openId ? ' active' : ''}`}
            data-testid={`card-${card.id}`}
            aria-pressed={card.id === openId}
            title={card.situationTranslation ?? undefined}
            onClick={() => setOpenId(card.id === openId ? null : card.id)}
          >
            {card.situation}
          </button>
        ))}
      </div>
      {open && (
        <div className="phrase-box card-open" data-testid="card-open">
          <div className="section-head">
            <span className="label">
              {open.situation}
              {open.situationTranslation && ` · ${open.situationTranslation}`}
              {open.row != null && ` · ${t('cards.row', { row: open.row })}`}
            </span>
            <button type="button" className="button subtle push-right" data-testid="card-close" onClick={() => setOpenId(null)}>
              {t('cards.close')}
            </button>
          </div>
          <p className="phrase" data-testid="card-phrase" lang={textLang(open.text)}>
            {open.text}
          </p>
          {open.translation && (
            <p className="translation" lang={textLang(open.translation)}>
              {open.translation}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
