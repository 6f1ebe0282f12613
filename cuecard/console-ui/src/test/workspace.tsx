import { render } from '@testing-library/react';
import { vi, type Mock } from 'vitest';
import type { ConsoleActions } from '../actions';
import { DraftStore } from '../drafts';
import { translator } from '../i18n';
import type { ServerError } from '../state';
import type { Agent, AgentState, CallFrame, NoteTemplate } from '../types';
import { AgentWorkspace } from '../components/AgentWorkspace';
import { callFrame, onCall } from './fixtures';

/** Console actions that record what the agent did; the sending ones answer "sent". */
export type ActionsSpy = { [K in keyof ConsoleActions]: Mock<ConsoleActions[K]> };

export function actionsSpy(): ActionsSpy {
  let requestId = 0;
  return {
    saidIt: vi.fn(),
    closing: vi.fn(),
    notes: vi.fn(() => ++requestId),
    disposition: vi.fn(),
    ready: vi.fn(),
    holdConsent: vi.fn(() => true),
    transferConsent: vi.fn(() => true),
    transfer: vi.fn(() => true),
    completeTransfer: vi.fn(() => true),
    cancelTransfer: vi.fn(() => true),
    callback: vi.fn(() => true),
  };
}

export interface WorkspaceOptions {
  call?: CallFrame;
  agentState?: AgentState;
  connected?: boolean;
  colleagues?: Agent[] | null;
  noteTemplates?: NoteTemplate[];
  lastError?: ServerError | null;
  drafts?: DraftStore;
  /** Epoch ms the clock shows (default 10:01:00 UTC). */
  now?: number;
}

/** Renders agent1's workspace (English) over a call; `update` re-renders with changed props. */
export function renderWorkspace(options: WorkspaceOptions = {}) {
  const actions = actionsSpy();
  const drafts = options.drafts ?? new DraftStore(localStorage);
  let current = options;
  const element = (o: WorkspaceOptions) => (
    <AgentWorkspace
      call={o.call ?? callFrame()}
      agentState={o.agentState ?? onCall((o.call ?? callFrame()).id)}
      dispositions={[{ code: 'complaint', label: { 'zh-CN': '投诉', en: 'Complaint' } }]}
      notesHits={undefined}
      connected={o.connected ?? true}
      snapshots={1}
      now={o.now ?? Date.parse('2026-11-22T10:01:00Z')}
      lang="en"
      t={translator('en')}
      drafts={drafts}
      actions={actions}
      me="agent1"
      colleagues={o.colleagues ?? null}
      noteTemplates={o.noteTemplates ?? []}
      lastError={o.lastError ?? null}
    />
  );
  const view = render(element(options));
  return {
    ...view,
    actions,
    drafts,
    update: (changes: WorkspaceOptions) => {
      current = { ...current, ...changes };
      view.rerender(element(current));
    },
  };
}

/** An error frame as the reducer keeps it. */
export const serverError = (message: string, serial: number, code: string | null = null, fields: string[] = []): ServerError => ({
  message,
  requestId: null,
  code,
  fields,
  serial,
});
