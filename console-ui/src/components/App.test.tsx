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

/** A fake Cuecard: answers the REST calls and records them. */
function fakeServer(options: { meStatus?: number; history?: () => unknown[]; roles?: string[] } = {}) {
  const requests: { method: string; url: string; body?: string }[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    requests.push({ method: init.method ?? 'GET', url, body: init.body as string | undefined });
    if (url === '/api/me') {
      return options.meStatus ? new Response('', { status: options.meStatus }) : json({ ...ME, roles: options.roles ?? ME.roles });
    }
    if (url === '/api/agents') return json([{ ...ME, memberInterface: 'PJSIP/agent1', extension: '201' }]);
    if (url.startsWith('/api/calls')) {
      const items = options.history?.() ?? [];
      return json({ items, total: items.length });
    }
    return new Response(null, { status: 204 });
  });
  vi.stubGlobal('fetch', fetch);
  return { requests, historyRequests: () => requests.filter((r) => r.url.startsWith('/api/calls')).length };
}

const socket = () => FakeSocket.all[FakeSocket.all.length - 1];
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
    render(<App />);
    expect(await screen.findByText('Agent One')).toBeTruthy();
    expect(socket().url).toBe(`ws://${window.location.host}/ws/console`);

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
    render(<App />);
    await screen.findByText('Agent One');
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
    render(<App />);
    await screen.findByText('Agent One');
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

  it('logs out and goes to the login page', async () => {
    const server = fakeServer();
    render(<App />);
    await screen.findByText('Agent One');
    fireEvent.click(screen.getByText('Log out'));
    await waitFor(() => expect(goToLogin).toHaveBeenCalled());
    expect(server.requests).toContainEqual({ method: 'POST', url: '/api/logout', body: undefined });
  });

  it('gives agents no tabs, supervisors live calls and the call log, admins also agent management', async () => {
    fakeServer();
    render(<App />);
    await screen.findByText('Agent One');
    expect(screen.queryByTestId('nav-live')).toBeNull();
    expect(screen.queryByTestId('nav-calls')).toBeNull();
    cleanup();

    fakeServer({ roles: ['supervisor'] });
    render(<App />);
    await screen.findByText('Agent One');
    expect(screen.getByTestId('nav-live').textContent).toBe('Live');
    expect(screen.getByTestId('nav-calls').textContent).toBe('Call log');
    expect(screen.queryByTestId('nav-agents')).toBeNull();
    cleanup();

    fakeServer({ roles: ['admin'] });
    render(<App />);
    await screen.findByText('Agent One');
    expect(screen.getByTestId('nav-agents').textContent).toBe('Agents');
  });

  it('switches between the live view, the call log and agent management, keeping the console connected', async () => {
    fakeServer({ roles: ['admin', 'supervisor'], history: () => [callFrame({ stage: 'ended' })] });
    render(<App />);
    await screen.findByText('Agent One');
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
});
