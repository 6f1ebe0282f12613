import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftStore } from '../drafts';
import { translator } from '../i18n';
import type { NotesHits } from '../state';
import { callFrame, hit, onCall, wrapUp } from '../test/fixtures';
import { actionsSpy } from '../test/workspace';
import type { AgentState, CallFrame } from '../types';
import { AgentWorkspace } from './AgentWorkspace';
import { Banners } from './Banners';
import { History } from './History';
import { SupervisorGrid } from './SupervisorGrid';

const CALL = '1700000000.1';
const t = translator('en');
const ANSWERED = Date.parse('2026-11-22T10:00:05Z');
/** The notes' structured part when no template is chosen. */
const NONE = { template: null, fields: {} };

interface Options {
  call?: CallFrame | null;
  agentState?: AgentState;
  notesHits?: NotesHits;
  connected?: boolean;
  drafts?: DraftStore;
  actions?: ReturnType<typeof actionsSpy>;
}

function workspace(options: Options = {}) {
  const call = options.call === undefined ? callFrame() : options.call;
  const actions = options.actions ?? actionsSpy();
  const drafts = options.drafts ?? new DraftStore(localStorage);
  const element = (override: Options = {}) => (
    <AgentWorkspace
      call={override.call === undefined ? call : override.call}
      agentState={override.agentState ?? options.agentState ?? onCall(CALL)}
      dispositions={[
        { code: 'consulting', label: { 'zh-CN': '咨询', en: 'Consulting' } },
        { code: 'complaint', label: { 'zh-CN': '投诉', en: 'Complaint' } },
      ]}
      notesHits={override.notesHits ?? options.notesHits}
      connected={options.connected ?? true}
      snapshots={1}
      now={ANSWERED + 65_000}
      lang="en"
      t={t}
      drafts={drafts}
      actions={actions}
    />
  );
  const view = render(element());
  return { ...view, actions, drafts, rerenderWith: (override: Options) => view.rerender(element(override)) };
}

describe('the agent call view', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('shows the call, its stage, the required phrase and marks the forbidden phrase in the notes', () => {
    const notes = { text: '喂，客户要退款', hits: [hit(0, 1, '喂')], disposition: null, final: false };
    workspace({ call: callFrame({ notes }) });

    expect(screen.getByText('13800138000')).toBeTruthy();
    expect(screen.getByText('support')).toBeTruthy();
    expect(screen.getByText('Inbound')).toBeTruthy();
    expect(screen.getByTestId('timer').textContent).toBe('1:05');

    const stage = screen.getByTestId('stage');
    expect(stage.dataset.stage).toBe('conversation');
    expect(stage.textContent).toBe('Conversation');

    expect(screen.getByTestId('phrase').textContent).toBe('请问有什么可以帮您？');
    expect(screen.getByText('How may I help you?')).toBeTruthy();
    expect(screen.getByText('感谢您的来电，再见。')).toBeTruthy();

    expect((screen.getByTestId('notes') as HTMLTextAreaElement).value).toBe('喂，客户要退款');
    const marks = screen.getAllByTestId('hit');
    expect(marks).toHaveLength(1);
    expect(marks[0].dataset.phrase).toBe('喂');
    expect(marks[0].textContent).toBe('喂');
    expect(marks[0].className).toContain('hit-block');

    const item = screen.getByTestId('hit-item');
    expect(item.getAttribute('title')).toBe('instead of 喂');
    expect(within(item).getByText('use “instead of 喂”')).toBeTruthy();
  });

  it('"Said it" and "Move to closing" send, by click and by F2 / F4', () => {
    const { actions } = workspace();
    expect(screen.getByTestId('said-it').textContent).toContain('F2');
    fireEvent.click(screen.getByTestId('said-it'));
    fireEvent.keyDown(window, { key: 'F2' });
    expect(actions.saidIt).toHaveBeenCalledTimes(2);
    expect(actions.saidIt).toHaveBeenCalledWith(CALL);
    fireEvent.click(screen.getByTestId('closing'));
    fireEvent.keyDown(window, { key: 'F4' });
    expect(actions.closing).toHaveBeenCalledTimes(2);
  });

  it('shows ✓ once the phrase is confirmed, and then does not send again', () => {
    const call = callFrame();
    const { actions } = workspace({ call: { ...call, script: { ...call.script!, confirmed: true } } });
    const button = screen.getByTestId('said-it') as HTMLButtonElement;
    expect(button.textContent).toContain('✓');
    expect(button.disabled).toBe(true);
    fireEvent.keyDown(window, { key: 'F2' });
    expect(actions.saidIt).not.toHaveBeenCalled();
  });

  it('disables the buttons while disconnected', () => {
    const { actions } = workspace({ connected: false });
    expect((screen.getByTestId('said-it') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('closing') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(window, { key: 'F4' });
    expect(actions.closing).not.toHaveBeenCalled();
  });

  it('keeps a draft on every keystroke, sends the notes 250 ms after typing stops, and marks the hits of the reply', () => {
    vi.useFakeTimers();
    const { actions, drafts, rerenderWith } = workspace();
    const notes = screen.getByTestId('notes');
    fireEvent.change(notes, { target: { value: '喂' } });
    act(() => vi.advanceTimersByTime(100));
    fireEvent.change(notes, { target: { value: '喂，您好' } });
    expect(drafts.load(CALL)?.text).toBe('喂，您好');
    act(() => vi.advanceTimersByTime(249));
    expect(actions.notes).not.toHaveBeenCalled();
    act(() => vi.advanceTimersByTime(1));
    expect(actions.notes).toHaveBeenCalledTimes(1);
    expect(actions.notes).toHaveBeenCalledWith(CALL, '喂，您好', NONE);
    expect(screen.queryAllByTestId('hit')).toHaveLength(0);

    rerenderWith({ notesHits: { requestId: 1, hits: [hit(0, 1, '喂', 'warn')] } });
    const mark = screen.getByTestId('hit');
    expect(mark.dataset.phrase).toBe('喂');
    expect(mark.className).toContain('hit-warn');
  });

  it('restores the draft after a reload and sends it to the server', () => {
    const drafts = new DraftStore(localStorage);
    drafts.save(CALL, 'typed before the reload');
    const { actions } = workspace({ drafts });
    expect((screen.getByTestId('notes') as HTMLTextAreaElement).value).toBe('typed before the reload');
    expect(actions.notes).toHaveBeenCalledWith(CALL, 'typed before the reload', NONE);
  });

  it('in wrap-up offers the disposition and "ready", sending unsent notes first', () => {
    vi.useFakeTimers();
    const ended = callFrame({ stage: 'wrap-up', endedAt: '2026-11-22T10:03:00Z' });
    const { actions } = workspace({ call: ended, agentState: wrapUp(CALL) });
    expect(screen.getByTestId('wrap-up-countdown').textContent).toBe('Time left: 3:50');

    const select = screen.getByTestId('disposition') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Choose a disposition…', 'Consulting', 'Complaint']);
    fireEvent.change(select, { target: { value: 'complaint' } });
    expect(actions.disposition).toHaveBeenCalledWith(CALL, 'complaint');

    fireEvent.change(screen.getByTestId('notes'), { target: { value: 'refund promised' } });
    fireEvent.click(screen.getByTestId('ready'));
    expect(actions.notes).toHaveBeenCalledWith(CALL, 'refund promised', NONE);
    expect(actions.ready).toHaveBeenCalledTimes(1);
    expect(actions.ready).toHaveBeenCalledWith(null);
    expect(actions.notes.mock.invocationCallOrder[0]).toBeLessThan(actions.ready.mock.invocationCallOrder[0]);
  });

  it('shows final notes read-only', () => {
    const notes = { text: 'final text', hits: [], disposition: 'consulting', final: true };
    workspace({ call: callFrame({ notes }) });
    const textarea = screen.getByTestId('notes') as HTMLTextAreaElement;
    expect(textarea.value).toBe('final text');
    expect(textarea.readOnly).toBe(true);
  });

  it('says "Waiting for a call" without a call', () => {
    workspace({ call: null, agentState: { state: 'idle', callId: null, wrapUpEndsAt: null } });
    expect(screen.getByText('Waiting for a call')).toBeTruthy();
    expect(screen.getByText('Your state: Idle')).toBeTruthy();
    expect(screen.queryByTestId('phrase')).toBeNull();
  });
});

describe('banners', () => {
  afterEach(cleanup);

  it('shows the console disconnect and the PBX link separately', () => {
    const { rerender } = render(<Banners connection="down" pbxConnected t={t} />);
    expect(screen.getByTestId('banner-disconnected').textContent).toBe('Disconnected — reconnecting…');
    expect(screen.queryByTestId('banner-pbx')).toBeNull();
    rerender(<Banners connection="open" pbxConnected={false} t={t} />);
    expect(screen.queryByTestId('banner-disconnected')).toBeNull();
    expect(screen.getByTestId('banner-pbx').textContent).toContain('PBX link down');
    rerender(<Banners connection="connecting" pbxConnected t={t} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the overload while it lasts, with the delay and any lost events', () => {
    const overload = { active: true, since: '2026-11-22T10:00:00Z', lagMs: 3240, dropped: 0 };
    const { rerender } = render(<Banners connection="open" pbxConnected overload={overload} t={t} />);
    expect(screen.getByTestId('banner-overload').textContent).toBe(
      'Cuecard is overloaded: call events are delayed by 3.2 s — the PBX is sending more than Cuecard can process.',
    );
    rerender(<Banners connection="open" pbxConnected overload={{ ...overload, lagMs: 42_600, dropped: 17 }} t={t} />);
    expect(screen.getByTestId('banner-overload').textContent).toContain('delayed by 43 s');
    expect(screen.getByTestId('banner-overload').textContent).toContain('17 PBX events were lost');
    rerender(<Banners connection="open" pbxConnected overload={{ ...overload, active: false }} t={t} />);
    expect(screen.queryByTestId('banner-overload')).toBeNull();
  });

  it('says the overload in Chinese too', () => {
    const zh = translator('zh-CN');
    render(<Banners connection="open" pbxConnected overload={{ active: true, since: null, lagMs: 400, dropped: 0 }} t={zh} />);
    expect(screen.getByTestId('banner-overload').textContent).toBe(
      'Cuecard 过载：通话事件延迟约 0.4 秒——交换机（PBX）发送的事件超出了 Cuecard 的处理能力。',
    );
  });
});

describe('recent calls', () => {
  afterEach(cleanup);

  it('lists calls with number, direction, outcome, talk time and hits', () => {
    const calls = [
      { ...callFrame({ id: 'c2', talkSeconds: 125, outcome: 'answered', endedAt: '2026-11-22T10:03:00Z' }), hitCount: 2 },
      { ...callFrame({ id: 'c1', direction: 'outbound', customerNumber: '021-5555', outcome: 'no-answer' }), notes: null },
    ];
    render(<History calls={calls} failed={false} lang="en" t={t} />);
    const rows = within(screen.getByTestId('history')).getAllByTestId('history-row');
    expect(rows.map((row) => row.dataset.callId)).toEqual(['c2', 'c1']);
    expect(rows[0].textContent).toContain('13800138000');
    expect(rows[0].textContent).toContain('2:05');
    expect(rows[0].textContent).toContain('answered');
    expect(rows[0].lastElementChild?.textContent).toBe('2');
    expect(rows[1].textContent).toContain('Outbound');
    expect(rows[1].lastElementChild?.textContent).toBe('0');
  });

  it('says when there are none', () => {
    render(<History calls={[]} failed={false} lang="zh-CN" t={translator('zh-CN')} />);
    expect(screen.getByText('暂无通话。')).toBeTruthy();
  });
});

describe('supervisor grid', () => {
  afterEach(cleanup);

  it('shows every live call read-only', () => {
    render(
      <SupervisorGrid
        calls={[callFrame({ id: 'a' }), callFrame({ id: 'b', stage: 'ringing', stageAgent: 'agent2', agents: [] })]}
        now={ANSWERED}
        t={t}
      />,
    );
    expect(screen.getAllByTestId('stage').map((s) => s.dataset.stage)).toEqual(['conversation', 'ringing']);
    expect(screen.queryByTestId('said-it')).toBeNull();
    expect(screen.queryByTestId('notes')).toBeNull();
    expect(screen.getByText('agent2')).toBeTruthy();
  });
});
