import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../i18n';
import { fakeApi, json } from '../test/fakeApi';
import type { SessionInfo } from '../types';
import { AgentsView } from './AgentsView';

const t = translator('en');
const session = (id: string, address: string): SessionInfo => ({
  id,
  username: 'agent1',
  createdAt: '2026-11-22T08:00:00.123Z',
  lastSeenAt: '2026-11-22T09:30:00Z',
  address,
  userAgent: 'Mozilla/5.0 Chromium',
});

describe('sessions in the agent administration', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("lists a user's sessions and ends one, then all", async () => {
    let sessions = [session('a'.repeat(64), '10.0.0.7'), session('b'.repeat(64), '10.0.0.8')];
    const requests = fakeApi((request) => {
      if (request.url === '/api/agents') {
        return json([{ username: 'agent1', displayName: 'Agent One', roles: ['agent'], language: 'en', memberInterface: 'PJSIP/agent1' }]);
      }
      if (request.method === 'GET' && request.url === '/api/users/agent1/sessions') return json(sessions);
      if (request.method === 'DELETE' && request.url.startsWith('/api/sessions/')) {
        sessions = sessions.filter((s) => !request.url.endsWith(s.id));
        return new Response(null, { status: 204 });
      }
      if (request.method === 'DELETE' && request.url === '/api/users/agent1/sessions') {
        const ended = sessions.length;
        sessions = [];
        return json({ ended });
      }
      return undefined;
    });
    vi.stubGlobal('confirm', vi.fn(() => true));
    render(<AgentsView me="admin" t={t} />);
    fireEvent.click(await screen.findByTestId('agent-sessions'));
    const panel = await screen.findByTestId('sessions-panel');
    expect(within(panel).getByText('Sessions of agent1')).toBeTruthy();
    await waitFor(() => expect(within(panel).getAllByTestId('sessions-row')).toHaveLength(2));
    expect(within(panel).getByText('10.0.0.7')).toBeTruthy();
    expect(within(panel).getAllByText('2026-11-22 08:00:00 UTC')).toHaveLength(2);

    fireEvent.click(within(within(panel).getAllByTestId('sessions-row')[0]).getByTestId('session-end'));
    await waitFor(() => expect(within(panel).getAllByTestId('sessions-row')).toHaveLength(1));
    expect(within(panel).getByTestId('sessions-notice').textContent).toBe('Session ended.');
    expect(requests).toContainEqual({ method: 'DELETE', url: `/api/sessions/${'a'.repeat(64)}` });

    fireEvent.click(within(panel).getByTestId('sessions-end-all'));
    await waitFor(() => expect(within(panel).getByText('No active sessions.')).toBeTruthy());
    expect(within(panel).getByTestId('sessions-notice').textContent).toBe('Sessions ended: 1.');
  });
});
