import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../i18n';
import { apiError, fakeApi, json, type Recorded } from '../test/fakeApi';
import type { Agent } from '../types';
import { AgentsView, changedFields, createBody } from './AgentsView';

const t = translator('en');
const agent = (username: string, overrides: Partial<Agent> = {}): Agent => ({
  username,
  displayName: username.toUpperCase(),
  employeeNo: '1001',
  memberInterface: `PJSIP/${username}`,
  extension: '201',
  roles: ['agent'],
  language: 'zh-CN',
  ...overrides,
});

/** A fake agent store: GET lists, POST/PUT/DELETE change it unless `refuse` returns an error response. */
function agentServer(initial: Agent[], refuse: (request: Recorded) => Response | undefined = () => undefined) {
  let agents = [...initial];
  const requests = fakeApi((request) => {
    const refused = refuse(request);
    if (refused) return refused;
    const name = decodeURIComponent(request.url.split('/')[3] ?? '');
    if (request.method === 'GET' && request.url === '/api/agents') return json(agents);
    if (request.method === 'POST' && request.url === '/api/agents') {
      const body = request.body as Partial<Agent> & { username: string };
      const created = agent(body.username, {
        employeeNo: null,
        extension: null,
        ...body,
        memberInterface: body.memberInterface ?? `PJSIP/${body.username}`,
      });
      agents = [...agents, created];
      return json(created, 201);
    }
    if (request.method === 'PUT') {
      const updated = { ...agents.find((a) => a.username === name)!, ...(request.body as Partial<Agent>) };
      agents = agents.map((a) => (a.username === name ? updated : a));
      return json(updated);
    }
    if (request.method === 'DELETE') {
      agents = agents.filter((a) => a.username !== name);
      return new Response(null, { status: 204 });
    }
    return undefined;
  });
  const changes = () => requests.filter((r) => r.method !== 'GET');
  return { requests, changes };
}

const rowOf = (username: string) => screen.getAllByTestId('agents-row').find((row) => row.dataset.username === username)!;
const form = () => screen.getByTestId('agent-form');
const field = (name: string) => form().querySelector(`[name="${name}"]`) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.change(field(name), { target: { value } });

describe('AgentsView', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the agents with their roles; one cannot delete oneself', async () => {
    agentServer([agent('admin', { roles: ['admin', 'supervisor'], employeeNo: null }), agent('agent1')]);
    render(<AgentsView me="admin" t={t} />);
    const table = await screen.findByTestId('agents-table');
    expect(within(table).getAllByTestId('agents-row')).toHaveLength(2);
    expect(within(rowOf('admin')).getByText('Administrator')).toBeTruthy();
    expect(within(rowOf('admin')).getByText('Supervisor')).toBeTruthy();
    expect(within(rowOf('agent1')).getByText('PJSIP/agent1')).toBeTruthy();
    expect(within(rowOf('agent1')).getByText('中文')).toBeTruthy();
    expect((within(rowOf('admin')).getByTestId('agent-delete') as HTMLButtonElement).disabled).toBe(true);
    expect((within(rowOf('agent1')).getByTestId('agent-delete') as HTMLButtonElement).disabled).toBe(false);
  });

  it('creates an agent: the body has the form fields, the interface hint follows the user name', async () => {
    const server = agentServer([agent('agent1')]);
    render(<AgentsView me="admin" t={t} />);
    await screen.findByTestId('agents-table');
    fireEvent.click(screen.getByTestId('agent-new'));
    expect(field('memberInterface').placeholder).toBe('PJSIP/<username>');
    type('username', 'agent3');
    expect(field('memberInterface').placeholder).toBe('PJSIP/agent3');
    expect(within(form()).getByText('Empty means PJSIP/agent3')).toBeTruthy();
    type('password', 'secret3-long-pw');
    type('displayName', '王小明');
    type('employeeNo', '1003');
    type('extension', '203');
    fireEvent.click(within(form()).getByLabelText('Supervisor'));
    fireEvent.change(field('language'), { target: { value: 'en' } });
    fireEvent.click(within(form()).getByText('Create agent'));

    await waitFor(() => expect(server.changes()).toHaveLength(1));
    expect(server.changes()[0]).toEqual({
      method: 'POST',
      url: '/api/agents',
      body: {
        username: 'agent3',
        password: 'secret3-long-pw',
        displayName: '王小明',
        employeeNo: '1003',
        extension: '203',
        roles: ['agent', 'supervisor'],
        language: 'en',
      },
    });
    expect((await screen.findByTestId('agents-notice')).textContent).toBe('Agent agent3 created.');
    expect(screen.queryByTestId('agent-form')).toBeNull();
    await waitFor(() => expect(within(rowOf('agent3')).getByText('王小明')).toBeTruthy());
    expect(within(rowOf('agent3')).getByText('PJSIP/agent3')).toBeTruthy();
  });

  it('shows a 400 or 409 error next to the form and keeps what was typed', async () => {
    const server = agentServer([agent('agent1')], (request) => {
      if (request.method !== 'POST') return undefined;
      const username = (request.body as Agent).username;
      return username === 'agent1'
        ? apiError(409, "User 'agent1' exists already")
        : apiError(400, "Invalid field 'username': lower-case letters, digits, '.', '_' or '-', at most 64");
    });
    render(<AgentsView me="admin" t={t} />);
    await screen.findByTestId('agents-table');
    fireEvent.click(screen.getByTestId('agent-new'));
    type('username', 'Bad Name');
    type('password', 'secret');
    fireEvent.submit(form());
    const error = await within(form()).findByTestId('agent-form-error');
    expect(error.textContent).toBe("Invalid field 'username': lower-case letters, digits, '.', '_' or '-', at most 64");
    expect(field('username').value).toBe('Bad Name');
    expect(field('password').value).toBe('secret');

    type('username', 'agent1');
    fireEvent.submit(form());
    await waitFor(() => expect(within(form()).getByTestId('agent-form-error').textContent).toBe("User 'agent1' exists already"));
    expect(server.changes()).toHaveLength(2);
    expect(screen.getAllByTestId('agents-row')).toHaveLength(1);
  });

  it('edits an agent, sending only the changed fields (password only when typed)', async () => {
    const server = agentServer([agent('agent1'), agent('agent2')]);
    render(<AgentsView me="admin" t={t} />);
    await screen.findByTestId('agents-table');
    fireEvent.click(within(rowOf('agent2')).getByTestId('agent-edit'));
    expect(within(form()).getByText('Edit agent2')).toBeTruthy();
    expect(field('username').readOnly).toBe(true);
    expect(field('displayName').value).toBe('AGENT2');

    fireEvent.submit(form());
    expect(within(form()).getByTestId('agent-form-error').textContent).toBe('Nothing was changed.');
    expect(server.changes()).toHaveLength(0);

    type('displayName', 'Agent Two');
    type('extension', '');
    fireEvent.click(within(form()).getByText('Save changes'));
    await waitFor(() => expect(server.changes()).toHaveLength(1));
    expect(server.changes()[0]).toEqual({
      method: 'PUT',
      url: '/api/agents/agent2',
      body: { displayName: 'Agent Two', extension: '' },
    });
    expect((await screen.findByTestId('agents-notice')).textContent).toBe('Agent agent2 saved.');
    await waitFor(() => expect(within(rowOf('agent2')).getByText('Agent Two')).toBeTruthy());

    fireEvent.click(within(rowOf('agent2')).getByTestId('agent-edit'));
    type('password', 'newpass-long-pw');
    fireEvent.click(within(form()).getByLabelText('Administrator'));
    fireEvent.click(within(form()).getByText('Save changes'));
    await waitFor(() => expect(server.changes()).toHaveLength(2));
    expect(server.changes()[1].body).toEqual({ password: 'newpass-long-pw', roles: ['agent', 'admin'] });
  });

  it('deletes an agent only after confirming, and shows why a delete failed', async () => {
    const server = agentServer([agent('agent1'), agent('agent2')], (request) =>
      request.method === 'DELETE' && request.url.endsWith('/agent1') ? apiError(404, "No agent 'agent1'") : undefined,
    );
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValue(true);
    render(<AgentsView me="admin" t={t} />);
    await screen.findByTestId('agents-table');

    fireEvent.click(within(rowOf('agent2')).getByTestId('agent-delete'));
    expect(confirm).toHaveBeenCalledWith('Delete agent agent2? Their console user is removed too.');
    expect(server.changes()).toHaveLength(0);

    fireEvent.click(within(rowOf('agent2')).getByTestId('agent-delete'));
    await waitFor(() => expect(server.changes()).toEqual([{ method: 'DELETE', url: '/api/agents/agent2' }]));
    expect((await screen.findByTestId('agents-notice')).textContent).toBe('Agent agent2 deleted.');
    await waitFor(() => expect(screen.getAllByTestId('agents-row')).toHaveLength(1));

    fireEvent.click(within(rowOf('agent1')).getByTestId('agent-delete'));
    expect((await screen.findByTestId('agents-error')).textContent).toBe("Could not delete agent1: No agent 'agent1'");
  });
});

describe('agent request bodies', () => {
  const draft = {
    username: ' agent5 ',
    password: 'pw123',
    displayName: '',
    employeeNo: ' ',
    memberInterface: '',
    extension: '',
    roles: ['supervisor', 'agent'],
    language: 'zh-CN' as const,
  };

  it('create leaves empty optional fields to the server defaults and orders roles', () => {
    expect(createBody(draft)).toEqual({ username: 'agent5', password: 'pw123', roles: ['agent', 'supervisor'], language: 'zh-CN' });
  });

  it('update sends nothing when nothing changed, and an emptied interface as the default', () => {
    const current = agent('agent5', { roles: ['supervisor', 'agent'] });
    const same = { ...draft, username: 'agent5', password: '', displayName: 'AGENT5', employeeNo: '1001', memberInterface: 'PJSIP/agent5', extension: '201' };
    expect(changedFields(current, same)).toEqual({});
    expect(changedFields({ ...current, memberInterface: 'SIP/old' }, { ...same, memberInterface: '' })).toEqual({
      memberInterface: 'PJSIP/agent5',
    });
  });
});

describe('errors without a JSON body', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('say which request failed with which status', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    agentServer([agent('agent1')], (request) =>
      request.method === 'DELETE' ? new Response('500 - Internal Server Error', { status: 500 }) : undefined,
    );
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    render(<AgentsView me="admin" t={t} />);
    await screen.findByTestId('agents-table');
    fireEvent.click(within(rowOf('agent1')).getByTestId('agent-delete'));
    expect((await screen.findByTestId('agents-error')).textContent).toBe(
      'Could not delete agent1: DELETE /api/agents/agent1 failed: HTTP 500',
    );
  });
});
