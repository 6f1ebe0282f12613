import { useEffect, useRef } from 'react';
import type { ConsoleActions } from '../actions';
import type { DraftStore } from '../drafts';
import type { Translate } from '../i18n';
import type { NotesHits } from '../state';
import type { AgentState, CallFrame, Disposition, Lang } from '../types';
import { CallCard } from './CallCard';
import { NotesEditor } from './NotesEditor';
import { ScriptPanel, canClose, canSayIt } from './ScriptPanel';
import { WrapUpPanel } from './WrapUpPanel';

export interface AgentWorkspaceProps {
  call: CallFrame | null;
  agentState: AgentState;
  dispositions: Disposition[];
  notesHits: NotesHits | undefined;
  connected: boolean;
  snapshots: number;
  now: number;
  lang: Lang;
  t: Translate;
  drafts: DraftStore;
  actions: ConsoleActions;
}

/** The agent's own work area: the current call with its script, notes and wrap-up, or "waiting". */
export function AgentWorkspace(props: AgentWorkspaceProps) {
  const { call, agentState, t } = props;
  if (!call) {
    return (
      <section className="card idle" data-testid="idle">
        <div className="idle-title">{t('idle.waiting')}</div>
        <div className="muted">
          {t('idle.state', { state: t(`agentState.${agentState.state}`) })}
        </div>
      </section>
    );
  }
  return <CallWorkspace {...props} call={call} />;
}

function CallWorkspace({
  call,
  agentState,
  dispositions,
  notesHits,
  connected,
  snapshots,
  now,
  lang,
  t,
  drafts,
  actions,
}: AgentWorkspaceProps & { call: CallFrame }) {
  const flushNotes = useRef<(() => void) | null>(null);
  const wrappingUp = agentState.state === 'wrap-up' && agentState.callId === call.id;

  const shortcuts = useRef({ saidIt: () => {}, closing: () => {} });
  shortcuts.current = {
    saidIt: () => {
      if (connected && canSayIt(call)) actions.saidIt(call.id);
    },
    closing: () => {
      if (connected && canClose(call)) actions.closing(call.id);
    },
  };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'F2') {
        event.preventDefault();
        shortcuts.current.saidIt();
      } else if (event.key === 'F4') {
        event.preventDefault();
        shortcuts.current.closing();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <CallCard call={call} now={now} t={t}>
      <div className="workspace">
        {wrappingUp && (
          <WrapUpPanel
            key={`wrap-up-${call.id}`}
            endsAt={agentState.wrapUpEndsAt}
            now={now}
            dispositions={dispositions}
            chosen={call.notes?.disposition ?? null}
            lang={lang}
            t={t}
            connected={connected}
            onDisposition={(code) => actions.disposition(call.id, code)}
            onReady={() => {
              flushNotes.current?.();
              actions.ready();
            }}
          />
        )}
        <ScriptPanel
          call={call}
          t={t}
          connected={connected}
          onSaidIt={() => shortcuts.current.saidIt()}
          onClosing={() => shortcuts.current.closing()}
        />
        <NotesEditor
          key={`notes-${call.id}`}
          callId={call.id}
          serverNotes={call.notes}
          notesHits={notesHits}
          drafts={drafts}
          t={t}
          snapshots={snapshots}
          send={(text) => actions.notes(call.id, text)}
          flushRef={flushNotes}
        />
      </div>
    </CallCard>
  );
}
