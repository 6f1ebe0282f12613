import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { goToLogin } from '../api';
import { FakeSocket } from '../test/fakeSocket';
import { callFrame } from '../test/fixtures';
import { App } from './App';

vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), goToLogin: vi.fn() }));

const ME = { username: 'agent1', displayName: 'Agent One', employeeNo: '1001', roles: ['agent'], language: 'en' };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const TEMPLATES = [
  {
    id: 'rescue',
    kind: 'rescue',
    name: { 'zh-CN': '救援', en: 'Rescue' },
    fields: [{ id: 'plateNo', label: { 'zh-CN': '车牌号', en: 'Plate number' }, required: true }],
    sentence: '车牌{plateNo}的客户请求救援。',
  },
];

/** A fake Cuecard: answers the REST calls and records them. */
function fakeServer(options: { meStatus?: number; history?: () => unknown[]; roles?: string[] } = {}) {
  const requests: { method: string; url: string; body?: string }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    requests.push({ method: init.method ?? 'GET', url, body: init.body as string | undefined });
    if (url === '/api/me') {
      return options.meStatus ? new Response('', { status: options.meStatus }) : json({ ...ME, roles: options.roles ?? ME.roles });
    }
    if (url === '/api/agents') {
      return json([
        { ...ME, memberInterface: 'PJSIP/agent1', extension: '201' },
        { ...ME, username: 'agent2', displayName: 'Agent Two', employeeNo: '1002', memberInterface: 'PJSIP/agent2', extension: '202' },
      ]);
    }
    if (url === '/api/note-templates') return json(TEMPLATES);
    if (url === '/api/scripts') return json([{ id: 'inbound-zh', name: '受理', language: 'zh-CN', version: 1, updatedAt: null, updatedBy: null }]);
    if (url.startsWith('/api/calls')) {
      const items = options.history?.() ?? [];
      return json({ items, total: items.length });
    }
    return new Response(null, { status: 204 });
  });
  vi.stubGlobal('fetch', fetch);
  return { requests, historyRequests: () => requests.filter((r) => r.url.startsWith('/api/calls')).length };
}

/** The console's WebSocket, once the console has opened it. */
const socket = () => {
  const latest = FakeSocket.all.at(-1);
  if (!latest) throw new Error('the console has not opened its WebSocket (yet)');
  return latest;
};

/**
 * Renders the console of a logged-in user and waits until it shows the agent and has opened its WebSocket.
 *
 * Both are needed: App opens the socket in an effect (after the render that shows the agent), and React runs that
 * effect in a later scheduler task when the render took longer than its 5 ms slice. On a busy machine findByText
 * could therefore return before the socket existed, and `socket().open()` failed on undefined.
 */
async function renderConsole(): Promise<FakeSocket> {
  const before = FakeSocket.all.length;
  render(<App />);
  await screen.findByText('Agent One');
  return waitFor(() => {
    expect(FakeSocket.all.length).toBeGreaterThan(before);
    return FakeSocket.all[before];
  });
}
const snapshot = (calls = [callFrame()]) => ({
  seq: 1,
  type: 'snapshot',
  pbx: { connected: true },
  calls,
  agentState: { state: 'on-call', callId: calls[0]?.id ?? null, wrapUpEndsAt: null },
  dispositions: [],
});

describe('App', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    localStorage.clear();
    vi.mocked(goToLogin).mockClear();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('goes to the login page when /api/me answers 401', async () => {
    fakeServer({ meStatus: 401 });
    render(<App />);
    await waitFor(() => expect(goToLogin).toHaveBeenCalled());
    expect(FakeSocket.all).toHaveLength(0);
  });

  it('shows the agent, the live call from the snapshot, and refreshes the recent calls when it ends', async () => {
    let ended = false;
    const server = fakeServer({ history: () => (ended ? [callFrame({ id: '1700000000.1', stage: 'ended' })] : []) });
    expect((await renderConsole()).url).toBe(`ws://${window.location.host}/ws/console`);
    expect(screen.getByText('Agent One')).toBeTruthy();

    act(() => {
      socket().open();
      socket().frame(snapshot());
    });
    expect(screen.getByTestId('phrase').textContent).toBe('请问有什么可以帮您？');
    expect(screen.getByTestId('agent-state').dataset.state).toBe('on-call');
    await waitFor(() => expect(screen.queryByText('No calls yet.')).toBeTruthy());
    const before = server.historyRequests();

    fireEvent.click(screen.getByTestId('said-it'));
    expect(socket().sent).toContainEqual({ type: 'said-it', callId: '1700000000.1' });

    ended = true;
    act(() => {
      socket().frame({ seq: 2, type: 'agent-state', agentState: { state: 'idle', callId: null, wrapUpEndsAt: null } });
      socket().frame({ seq: 3, type: 'call', call: callFrame({ stage: 'ended', endedAt: '2026-11-22T10:03:00Z' }) });
    });
    expect(screen.getByText('Waiting for a call')).toBeTruthy();
    await waitFor(() => expect(server.historyRequests()).toBeGreaterThan(before));
    expect(await screen.findByTestId('history-row')).toBeTruthy();
  });

  it('switches the language, remembering it here and on the server', async () => {
    const server = fakeServer();
    await renderConsole();
    expect(screen.getByText('Log out')).toBeTruthy();
    fireEvent.click(screen.getByText('中文'));
    expect(screen.getByText('退出登录')).toBeTruthy();
    expect(localStorage.getItem('cuecard.lang')).toBe('zh-CN');
    await waitFor(() =>
      expect(server.requests).toContainEqual({ method: 'PUT', url: '/api/me/language', body: '{"language":"zh-CN"}' }),
    );
  });

  it('shows the red banner while the console is disconnected and the amber one when the PBX link is down', async () => {
    fakeServer();
    await renderConsole();
    act(() => {
      socket().open();
      socket().frame(snapshot([]));
      socket().frame({ seq: 2, type: 'pbx', connected: false });
    });
    expect(screen.getByTestId('banner-pbx')).toBeTruthy();
    expect(screen.queryByTestId('banner-disconnected')).toBeNull();
    act(() => socket().drop());
    expect(screen.getByTestId('banner-disconnected').textContent).toBe('Disconnected — reconnecting…');
  });

  it('shows the overload banner from the snapshot of a console opened during one and from the overload frames', async () => {
    fakeServer();
    await renderConsole();
    act(() => {
      socket().open();
      socket().frame({ ...snapshot([]), overload: { active: true, since: '2026-11-22T10:05:00Z', lagMs: 12_000, dropped: 3 } });
    });
    expect(screen.getByTestId('banner-overload').textContent).toContain('delayed by 12 s');
    expect(screen.getByTestId('banner-overload').textContent).toContain('3 PBX events were lost');
    act(() => socket().frame({ seq: 2, type: 'overload', active: false, since: '2026-11-22T10:05:09Z', lagMs: 0, dropped: 3 }));
    expect(screen.queryByTestId('banner-overload')).toBeNull();
    act(() => socket().frame({ seq: 3, type: 'overload', active: true, since: '2026-11-22T10:07:00Z', lagMs: 2100, dropped: 0 }));
    expect(screen.getByTestId('banner-overload').textContent).toContain('delayed by 2.1 s');
  });

  it('logs out and goes to the login page', async () => {
    const server = fakeServer();
    await renderConsole();
    fireEvent.click(screen.getByText('Log out'));
    await waitFor(() => expect(goToLogin).toHaveBeenCalledWith(false));
    expect(server.requests).toContainEqual({ method: 'POST', url: '/api/logout', body: undefined });
  });

  it('says the session ended when the server closes the console with 4401', async () => {
    fakeServer();
    await renderConsole();
    act(() => {
      socket().open();
      socket().frame(snapshot([]));
    });
    act(() => socket().drop(4401));
    await waitFor(() => expect(goToLogin).toHaveBeenCalledWith());
    expect(goToLogin).not.toHaveBeenCalledWith(false);
  });

  it('gives agents no tabs, supervisors live calls and the call log, admins also agent management', async () => {
    fakeServer();
    await renderConsole();
    expect(screen.queryByTestId('nav-live')).toBeNull();
    expect(screen.queryByTestId('nav-calls')).toBeNull();
    cleanup();

    fakeServer({ roles: ['supervisor'] });
    await renderConsole();
    expect(screen.getByTestId('nav-live').textContent).toBe('Live');
    expect(screen.getByTestId('nav-calls').textContent).toBe('Call log');
    expect(screen.getByTestId('nav-scripts').textContent).toBe('Scripts');
    expect(screen.queryByTestId('nav-agents')).toBeNull();
    cleanup();

    fakeServer({ roles: ['admin'] });
    await renderConsole();
    expect(screen.getByTestId('nav-agents').textContent).toBe('Agents');
  });

  it('switches between the live view, the call log and agent management, keeping the console connected', async () => {
    fakeServer({ roles: ['admin', 'supervisor'], history: () => [callFrame({ stage: 'ended' })] });
    await renderConsole();
    act(() => {
      socket().open();
      socket().frame(snapshot());
    });
    expect(screen.getByTestId('supervisor')).toBeTruthy();
    expect(screen.getByTestId('nav-live').getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByTestId('nav-calls'));
    expect(await screen.findByTestId('calls-table')).toBeTruthy();
    expect(screen.getByTestId('view-live').hidden).toBe(true);
    expect(screen.getByTestId('nav-calls').getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByTestId('nav-agents'));
    expect(await screen.findByTestId('agents-table')).toBeTruthy();
    expect(screen.getByTestId('view-calls').hidden).toBe(true);

    fireEvent.click(screen.getByTestId('nav-live'));
    expect(screen.getByTestId('view-live').hidden).toBe(false);
    expect(screen.getByTestId('view-agents').hidden).toBe(true);
    expect(FakeSocket.all).toHaveLength(1);
    expect(socket().closedWith).toBeNull();
  });

  it('opens the script editor from the Scripts tab', async () => {
    fakeServer({ roles: ['supervisor'] });
    await renderConsole();
    fireEvent.click(screen.getByTestId('nav-scripts'));
    expect(await screen.findByTestId('script-row')).toBeTruthy();
    expect(screen.getByTestId('view-live').hidden).toBe(true);
  });

  it('sends hold consent, transfer consent and the transfer over the console socket', async () => {
    fakeServer({ roles: ['agent', 'supervisor'] });
    await renderConsole();
    act(() => {
      socket().open();
      socket().frame(snapshot());
    });
    fireEvent.click(screen.getByTestId('hold-button'));
    fireEvent.click(screen.getByTestId('hold-consent'));
    expect(socket().sent).toContainEqual({ type: 'hold-consent', callId: '1700000000.1' });

    // a supervisor picks the target among the agents
    await waitFor(() => expect(screen.getByTestId('transfer-target').tagName).toBe('SELECT'));
    fireEvent.change(screen.getByTestId('transfer-target'), { target: { value: 'agent2' } });
    expect((screen.getByTestId('transfer-button') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('transfer-consent'));
    expect(socket().sent).toContainEqual({ type: 'transfer-consent', callId: '1700000000.1' });
    fireEvent.click(screen.getByTestId('transfer-button'));
    expect(socket().sent).toContainEqual({
      type: 'transfer',
      callId: '1700000000.1',
      mode: 'blind',
      target: { kind: 'agent', value: 'agent2' },
    });

    act(() => socket().frame({ seq: 2, type: 'error', message: 'no transfer consent in the last 60 s' }));
    expect(screen.getByTestId('transfer-error').textContent).toContain('no transfer consent in the last 60 s');
  });

  it('sends notes with their template and fields, and answers a blocked-phrases refusal with a justification', async () => {
    fakeServer();
    await renderConsole();
    const wrapping = callFrame({ stage: 'wrap-up', endedAt: '2026-11-22T10:03:00Z' });
    act(() => {
      socket().open();
      socket().frame({ ...snapshot([wrapping]), agentState: { state: 'wrap-up', callId: wrapping.id, wrapUpEndsAt: null } });
    });
    await waitFor(() => expect(screen.getByTestId('note-template')).toBeTruthy());
    fireEvent.change(screen.getByTestId('note-template'), { target: { value: 'rescue' } });
    fireEvent.change(screen.getByTestId('note-field-plateNo'), { target: { value: '沪A1' } });
    fireEvent.click(screen.getByTestId('ready'));
    expect(socket().sent).toContainEqual({
      type: 'notes',
      callId: wrapping.id,
      text: '车牌沪A1的客户请求救援。',
      requestId: expect.any(Number),
      template: 'rescue',
      fields: { plateNo: '沪A1' },
    });
    expect(socket().sent.at(-1)).toEqual({ type: 'ready', justification: null });

    act(() => socket().frame({ seq: 2, type: 'error', message: 'notes contain blocked phrases', code: 'blocked-phrases' }));
    expect(screen.queryByTestId('server-error')).toBeNull(); // answered in the wrap-up panel instead
    fireEvent.change(screen.getByTestId('justification'), { target: { value: '客户原话' } });
    fireEvent.click(screen.getByTestId('ready'));
    expect(socket().sent.at(-1)).toEqual({ type: 'ready', justification: '客户原话' });
    expect(screen.queryByTestId('ready-refused')).toBeNull();
  });
});
