import { useEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { chooseNotes, type DraftStore } from '../drafts';
import { hitsForText, segment } from '../highlight';
import type { Translate } from '../i18n';
import { appendSentence, renderSentence, updateSentence } from '../noteTemplates';
import type { NotesHits } from '../state';
import type { CallNotes, Lang, NoteStructure, NoteTemplate } from '../types';
import { HitsList } from './HitsList';
import { MarkedSegments } from './MarkedSegments';
import { NoteTemplateForm } from './NoteTemplateForm';

/** How long typing must pause before the notes are sent to the server. */
export const NOTES_DEBOUNCE_MS = 250;

interface Props {
  callId: string;
  serverNotes: CallNotes | null;
  /** The latest hits reply for this call's notes. */
  notesHits: NotesHits | undefined;
  drafts: DraftStore;
  t: Translate;
  lang?: Lang;
  /** The structured note templates to choose from (none: no template picker). */
  templates?: readonly NoteTemplate[];
  /** Required fields the server reported missing when "ready" was refused. */
  missingFields?: readonly string[];
  readOnly?: boolean;
  /** Changes when a new snapshot arrives (a fresh connection): unsent notes are sent again. */
  snapshots: number;
  send: (text: string, structure: NoteStructure) => number | null;
  /** Filled with a function that sends pending notes at once (used before "ready"). */
  flushRef?: MutableRefObject<(() => void) | null>;
}

/**
 * The call notes: an optional structured template whose fields fill the standard sentence, and a textarea
 * over a mirror of the same text in which forbidden phrases are marked, with the list of phrases found and
 * what to say instead. Drafts (text, template, fields) are kept in this browser on every change and sent to
 * the server when typing pauses.
 */
export function NotesEditor({
  callId,
  serverNotes,
  notesHits,
  drafts,
  t,
  lang = 'zh-CN',
  templates = [],
  missingFields = [],
  readOnly = false,
  snapshots,
  send,
  flushRef,
}: Props) {
  const [initial] = useState(() => chooseNotes(drafts.load(callId), serverNotes));
  const [text, setText] = useState(initial.text);
  const [structure, setStructure] = useState<NoteStructure>(initial.structure);
  const textRef = useRef(text);
  const structureRef = useRef(structure);
  const lastSentence = useRef<string | null>(null);
  const sentTexts = useRef(new Map<number, string>());
  const lastSent = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const final = Boolean(serverNotes?.final);
  const locked = readOnly || final;
  const serverText = serverNotes?.text ?? '';

  const sendNow = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const current = textRef.current;
    const requestId = send(current, structureRef.current);
    if (requestId !== null) {
      sentTexts.current.set(requestId, current);
      lastSent.current = current;
    }
  };
  const sendRef = useRef(sendNow);
  sendRef.current = sendNow;

  // on mount and after every fresh snapshot (a reconnect): make sure the server has what this browser has
  useEffect(() => {
    if (!locked && textRef.current !== serverText) sendRef.current();
  }, [snapshots]);

  useEffect(() => {
    if (flushRef) flushRef.current = () => {
      if (!locked && textRef.current !== lastSent.current && textRef.current !== serverText) sendRef.current();
    };
    return () => {
      if (flushRef) flushRef.current = null;
    };
  }, [flushRef, locked, serverText]);

  useEffect(
    () => () => {
      if (timer.current !== null) {
        clearTimeout(timer.current);
        sendRef.current(); // do not lose the last keystrokes when the call leaves the screen
      }
    },
    [],
  );

  const changed = () => {
    drafts.save(callId, textRef.current, Date.now(), structureRef.current);
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => sendRef.current(), NOTES_DEBOUNCE_MS);
  };

  const onChange = (value: string) => {
    setText(value);
    textRef.current = value;
    changed();
  };

  const template = templates.find((candidate) => candidate.id === structure.template) ?? null;
  if (template && lastSentence.current === null) lastSentence.current = renderSentence(template, structure.fields);
  const sentence = template ? renderSentence(template, structure.fields) : null;

  // a new template or field value: the standard sentence in the notes follows, unless the agent rewrote it
  const onStructure = (next: NoteStructure) => {
    setStructure(next);
    structureRef.current = next;
    const nextTemplate = templates.find((candidate) => candidate.id === next.template);
    if (nextTemplate) {
      const rendered = renderSentence(nextTemplate, next.fields);
      const updated = updateSentence(textRef.current, lastSentence.current, rendered);
      lastSentence.current = rendered;
      if (updated !== null) {
        setText(updated);
        textRef.current = updated;
      }
    } else {
      lastSentence.current = null;
    }
    changed();
  };

  const insertSentence = () => {
    if (!sentence) return;
    lastSentence.current = sentence;
    onChange(appendSentence(textRef.current, sentence));
  };

  const shownText = final ? serverText : text;
  const hits = useMemo(() => {
    if (final) return hitsForText(shownText, serverText, serverNotes?.hits ?? []);
    const replyText = notesHits ? sentTexts.current.get(notesHits.requestId) : undefined;
    if (notesHits && replyText !== undefined) return hitsForText(shownText, replyText, notesHits.hits);
    return hitsForText(shownText, serverText, serverNotes?.hits ?? []);
  }, [final, shownText, serverText, serverNotes, notesHits]);
  const segments = useMemo(() => segment(shownText, hits), [shownText, hits]);

  return (
    <section className="notes">
      <div className="section-head">
        <h3>
          <label htmlFor={`notes-${callId}`}>{t('notes.title')}</label>
        </h3>
        {final && <span className="tag">{t('notes.final')}</span>}
      </div>
      {(templates.length > 0 || structure.template) && (
        <NoteTemplateForm
          templates={templates}
          structure={structure}
          missingFields={missingFields}
          lang={lang}
          t={t}
          locked={locked}
          canInsert={Boolean(sentence) && !text.includes(sentence ?? '')}
          onChange={onStructure}
          onInsert={insertSentence}
        />
      )}
      <div className="notes-field">
        <div className="notes-mirror" ref={mirror} aria-hidden="true">
          <MarkedSegments segments={segments} t={t} />
          {'\u200b'}
        </div>
        <textarea
          id={`notes-${callId}`}
          data-testid="notes"
          className="notes-input"
          value={shownText}
          readOnly={locked}
          placeholder={locked ? undefined : t('notes.placeholder')}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (mirror.current) mirror.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      <HitsList hits={hits} t={t} />
    </section>
  );
}
