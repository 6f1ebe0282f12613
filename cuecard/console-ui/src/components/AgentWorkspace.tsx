import { useEffect, useRef } from 'react';
import type { ConsoleActions } from '../actions';
import type { DraftStore } from '../drafts';
import type { Translate } from '../i18n';
import type { NotesHits, ServerError } from '../state';
import type { Agent, AgentState, CallFrame, Disposition, Lang, NoteTemplate } from '../types';
import { CallCard } from './CallCard';
import { HoldPanel } from './HoldPanel';
import { NotesEditor } from './NotesEditor';
import { ScriptPanel, canClose, canSayIt } from './ScriptPanel';
import { SituationCards } from './SituationCards';
import { TransferPanel } from './TransferPanel';
import { WrapUpPanel, isReadyRefusal } from './WrapUpPanel';

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
  /** The logged-in user's name. */
  me?: string;
  /** Agents this user may pick as transfer targets; null: typed in by name. */
  colleagues?: readonly Agent[] | null;
  /** Structured note templates. */
  noteTemplates?: readonly NoteTemplate[];
  /** The latest error frame (transfer errors, refused "ready"). */
  lastError?: ServerError | null;
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
  me = '',
  colleagues = null,
  noteTemplates = [],
  lastError = null,
}: AgentWorkspaceProps & { call: CallFrame }) {
  const flushNotes = useRef<(() => void) | null>(null);
  const wrappingUp = agentState.state === 'wrap-up' && agentState.callId === call.id;
  // the agent transferred the customer and left: the call goes on with a colleague, its script is no longer theirs
  const leftLiveCall = wrappingUp && call.endedAt == null;
  const refusal = wrappingUp && isReadyRefusal(lastError) ? lastError : null;

  const shortcuts = useRef({ saidIt: () => {}, closing: () => {} });
  shortcuts.current = {
    saidIt: () => {
      if (connected && !leftLiveCall && canSayIt(call)) actions.saidIt(call.id);
    },
    closing: () => {
      if (connected && !leftLiveCall && canClose(call)) actions.closing(call.id);
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
            refusal={refusal}
            onDisposition={(code) => actions.disposition(call.id, code)}
            onReady={(justification) => {
              flushNotes.current?.();
              actions.ready(justification);
            }}
          />
        )}
        {!leftLiveCall && (
          <ScriptPanel
            call={call}
            t={t}
            connected={connected}
            onSaidIt={() => shortcuts.current.saidIt()}
            onClosing={() => shortcuts.current.closing()}
          />
        )}
        {!leftLiveCall && call.stage === 'conversation' && (
          <SituationCards key={`cards-${call.id}`} cards={call.script?.cards ?? []} t={t} />
        )}
        {!leftLiveCall && (
          <HoldPanel
            key={`hold-${call.id}`}
            call={call}
            connected={connected}
            now={now}
            lang={lang}
            t={t}
            onConsent={() => void actions.holdConsent(call.id)}
          />
        )}
        <TransferPanel
          key={`transfer-${call.id}`}
          call={call}
          me={me}
          colleagues={colleagues}
          connected={connected}
          now={now}
          lastError={lastError}
          t={t}
          wrappingUp={wrappingUp}
          onConsent={() => actions.transferConsent(call.id)}
          onTransfer={(mode, kind, value) => actions.transfer(call.id, { mode, target: { kind, value } })}
          onComplete={() => actions.completeTransfer(call.id)}
          onCancel={() => actions.cancelTransfer(call.id)}
          onCallback={(note) => actions.callback(call.id, note)}
        />
        <NotesEditor
          key={`notes-${call.id}`}
          callId={call.id}
          serverNotes={call.notes}
          notesHits={notesHits}
          drafts={drafts}
          t={t}
          lang={lang}
          templates={noteTemplates}
          missingFields={refusal?.code === 'missing-fields' ? refusal.fields : []}
          snapshots={snapshots}
          send={(text, structure) => actions.notes(call.id, text, structure)}
          flushRef={flushNotes}
        />
      </div>
    </CallCard>
  );
}
