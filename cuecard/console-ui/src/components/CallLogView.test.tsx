import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { goToLogin } from '../api';
import { formatDateTime } from '../format';
import { translator } from '../i18n';
import { apiError, fakeApi, json, queryOf, type Recorded } from '../test/fakeApi';
import { hit, loggedCall } from '../test/fixtures';
import type { CallLog } from '../types';
import { CallLogView } from './CallLogView';

vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), goToLogin: vi.fn() }));

const t = translator('en');
const AGENTS = [
  { username: 'agent1', displayName: 'Agent One', employeeNo: '1001', memberInterface: 'PJSIP/agent1', extension: '201', roles: ['agent'], language: 'zh-CN' },
  { username: 'agent2', displayName: 'Agent Two', employeeNo: '1002', memberInterface: 'PJSIP/agent2', extension: '202', roles: ['agent'], language: 'en' },
];
const midnight = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();

/** `count` calls, newest first, one minute apart. */
function manyCalls(count: number): CallLog[] {
  return Array.from({ length: count }, (_, i) =>
    loggedCall({ id: `call-${i}`, startedAt: new Date(Date.UTC(2026, 10, 22, 10, 59 - i)).toISOString() }),
  );
}

/** A call log server over `all` calls: pages them as the real one does, and answers details by id. */
function callLogServer(all: CallLog[], detail: (id: string) => Response | undefined = () => undefined) {
  return fakeApi((request: Recorded) => {
    if (request.url === '/api/agents') return json(AGENTS);
    if (request.url.startsWith('/api/calls?')) {
      const q = queryOf(request.url);
      const page = Number(q.page);
      const size = Number(q.size);
      return json({ items: all.slice(page * size, page * size + size), total: all.length });
    }
    if (request.url.startsWith('/api/calls/')) return detail(decodeURIComponent(request.url.slice('/api/calls/'.length)));
    return undefined;
  });
}

const listQueries = (requests: Recorded[]) => requests.filter((r) => r.url.startsWith('/api/calls?')).map((r) => queryOf(r.url));
const lastQuery = (requests: Recorded[]) => listQueries(requests).at(-1);
const rows = () => screen.getAllByTestId('calls-row');

describe('CallLogView', () => {
  beforeEach(() => vi.mocked(goToLogin).mockClear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the first page newest first, with agent names, outcome, hit and flag counts', async () => {
    const calls = [
      loggedCall({ id: 'b', customerNumber: '13900000000', hitCount: 2, flags: [{ rule: 'link-lost', at: '2026-11-22T10:02:00Z', detail: null }] }),
      loggedCall({ id: 'a', direction: 'outbound', campaign: 'renewals', queue: null, outcome: 'busy', agents: ['agent2'] }),
    ];
    const requests = callLogServer(calls);
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(lastQuery(requests)).toEqual({ page: '0', size: '20' });
    expect(rows().map((row) => row.dataset.callId)).toEqual(['b', 'a']);
    const first = within(rows()[0]);
    expect(first.getByText('13900000000')).toBeTruthy();
    expect(first.getByText('Agent One')).toBeTruthy();
    expect(first.getByText('Answered')).toBeTruthy();
    expect(rows()[0].querySelector('.has-hits')?.textContent).toBe('2');
    expect(rows()[0].querySelector('.has-flags')?.textContent).toBe('1');
    const second = within(rows()[1]);
    expect(second.getByText('renewals')).toBeTruthy();
    expect(second.getByText('Busy')).toBeTruthy();
    expect(second.getByText('Outbound')).toBeTruthy();
    expect(screen.getByText('2 calls')).toBeTruthy();
  });

  it('builds the query from the agent, direction and date filters, going back to the first page', async () => {
    const requests = callLogServer(manyCalls(45));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(20));
    fireEvent.click(screen.getByText('Next'));
    await waitFor(() => expect(lastQuery(requests)?.page).toBe('1'));

    const agentSelect = screen.getByTestId('filter-agent') as HTMLSelectElement;
    await waitFor(() => expect(agentSelect.options).toHaveLength(3));
    expect(agentSelect.options[1].textContent).toBe('Agent One (agent1)');
    fireEvent.change(agentSelect, { target: { value: 'agent2' } });
    await waitFor(() => expect(lastQuery(requests)).toEqual({ agent: 'agent2', page: '0', size: '20' }));

    fireEvent.change(screen.getByTestId('filter-direction'), { target: { value: 'inbound' } });
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-11-21' } });
    await waitFor(() =>
      expect(lastQuery(requests)).toEqual({
        agent: 'agent2',
        direction: 'inbound',
        from: midnight(2026, 11, 20),
        to: midnight(2026, 11, 22),
        page: '0',
        size: '20',
      }),
    );

    fireEvent.click(screen.getByText('Clear filters'));
    await waitFor(() => expect(lastQuery(requests)).toEqual({ page: '0', size: '20' }));
  });

  it('does not ask for an end date before the start date, and says why', async () => {
    const requests = callLogServer(manyCalls(3));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(3));
    const before = listQueries(requests).length;
    fireEvent.change(screen.getByTestId('filter-from'), { target: { value: '2026-11-21' } });
    fireEvent.change(screen.getByTestId('filter-to'), { target: { value: '2026-11-20' } });
    expect(screen.getByTestId('filter-problem').textContent).toBe('The end date is before the start date.');
    await waitFor(() => expect(listQueries(requests).length).toBe(before + 1)); // only the "from" change was sent
    expect(lastQuery(requests)?.to).toBeUndefined();
  });

  it('pages forward and back, and changes the page size', async () => {
    const requests = callLogServer(manyCalls(45));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(20));
    expect(screen.getByTestId('page').textContent).toBe('Page 1 of 3');
    expect((screen.getByText('Previous') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByText('Next'));
    await waitFor(() => expect(rows()[0].dataset.callId).toBe('call-20'));
    fireEvent.click(screen.getByText('Next'));
    await waitFor(() => expect(rows()).toHaveLength(5));
    expect(screen.getByTestId('page').textContent).toBe('Page 3 of 3');
    expect((screen.getByText('Next') as HTMLButtonElement).disabled).toBe(true);
    expect(rows()[0].dataset.callId).toBe('call-40');

    fireEvent.click(screen.getByText('Previous'));
    await waitFor(() => expect(rows()[0].dataset.callId).toBe('call-20'));
    expect(lastQuery(requests)).toEqual({ page: '1', size: '20' });

    fireEvent.change(screen.getByTestId('page-size'), { target: { value: '50' } });
    await waitFor(() => expect(rows()).toHaveLength(45));
    expect(lastQuery(requests)).toEqual({ page: '0', size: '50' });
    expect(screen.getByTestId('page').textContent).toBe('Page 1 of 1');
  });

  it('shows the error the server gives for the list', async () => {
    fakeApi((request) => {
      if (request.url === '/api/agents') return json(AGENTS);
      return apiError(400, 'size must be between 1 and 500');
    });
    render(<CallLogView lang="en" t={t} />);
    expect((await screen.findByTestId('calls-error')).textContent).toBe(
      'Could not load the call log: size must be between 1 and 500',
    );
  });

  it('goes to the login page when the session has expired', async () => {
    fakeApi(() => new Response('', { status: 401 }));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(goToLogin).toHaveBeenCalled());
  });

  it('opens the call detail: facts, stages, transfers, a flag, marked notes and the collapsible timeline', async () => {
    const notes = '客户说你听不懂吗，已解释。';
    const start = notes.indexOf('你听不懂吗');
    const detail = loggedCall({
      id: '1700000000.1',
      customerNumber: '13800138000',
      placedBy: null,
      holdCount: 2,
      holdSeconds: 75,
      recording: 'rec/1700000000.1.wav',
      transfers: [{ type: 'blind', from: 'agent1', to: '300', at: '2026-11-22T10:02:00Z', answered: true }],
      flags: [{ rule: 'link-lost', at: '2026-11-22T10:02:30Z', detail: 'the call ended while the PBX link was down' }],
      notes,
      forbiddenHits: [{ ...hit(start, start + 5, '你听不懂吗'), suggestion: '我再为您解释一下' }],
      hitCount: 1,
      disposition: 'complaint',
      timeline: [
        { at: '2026-11-22T10:00:00Z', type: 'queue-joined', channel: 'PJSIP/customer-00000001', agent: null, detail: 'support' },
        { at: '2026-11-22T10:00:05Z', type: 'agent-connected', channel: 'PJSIP/agent1-00000002', agent: 'agent1', detail: null },
      ],
    });
    const requests = callLogServer([detail], (id) => (id === detail.id ? json(detail) : undefined));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]);

    const panel = await screen.findByTestId('call-detail');
    await within(panel).findByText('13800138000');
    expect(requests.map((r) => r.url)).toContain('/api/calls/1700000000.1');
    expect(panel.dataset.callId).toBe('1700000000.1');
    expect(rows()[0].getAttribute('aria-selected')).toBe('true');
    const facts = within(panel);
    expect(facts.getByText('2, 1:15 in total')).toBeTruthy();
    expect(facts.getByText('Customer', { selector: 'dd' })).toBeTruthy(); // hung up by
    expect(facts.getByText('rec/1700000000.1.wav')).toBeTruthy();
    expect(facts.getByText('complaint')).toBeTruthy();
    expect(facts.getByText('2:55')).toBeTruthy(); // talk

    const flag = facts.getByTestId('flag');
    expect(flag.dataset.rule).toBe('link-lost');
    expect(flag.textContent).toContain('the call ended while the PBX link was down');
    expect(flag.closest('[role="alert"]')).toBeTruthy();

    const stages = facts.getByTestId('stage-timeline').querySelectorAll('li');
    expect([...stages].map((li) => li.dataset.stage)).toEqual(['ringing', 'greeting', 'conversation']);
    expect(stages[1].textContent).toContain('✓');
    expect(stages[0].textContent).toContain('0:05');

    expect(within(facts.getByTestId('transfers')).getByText('300')).toBeTruthy();

    const marks = facts.getAllByTestId('hit');
    expect(marks).toHaveLength(1);
    expect(marks[0].textContent).toBe('你听不懂吗');
    expect(marks[0].className).toContain('hit-block');
    expect(facts.getByTestId('detail-notes').textContent).toBe(notes);
    expect(facts.getByTestId('hit-item').textContent).toContain('use “我再为您解释一下”');

    const timeline = facts.getByTestId('timeline') as HTMLDetailsElement;
    expect(timeline.open).toBe(false);
    expect(timeline.querySelector('summary')?.textContent).toBe('Full timeline (2 events)');
    expect(within(timeline).getAllByTestId('timeline-entry')).toHaveLength(2);
    expect(within(timeline).getByText('agent-connected')).toBeTruthy();

    fireEvent.click(facts.getByText('Close'));
    expect(screen.queryByTestId('call-detail')).toBeNull();
  });

  it('lists every leg\'s recording in the order they started, not only the first', async () => {
    const first = '/var/spool/asterisk/monitor/1796325108.0-1796325108.1.wav';
    const second = '/var/spool/asterisk/monitor/1796325108.0-1796325112.4.wav';
    const detail = loggedCall({ id: '1796325108.0', recording: first, recordings: [first, second] });
    callLogServer([detail], (id) => (id === detail.id ? json(detail) : undefined));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]);

    const panel = await screen.findByTestId('call-detail');
    await waitFor(() => expect(within(panel).getAllByTestId('recording')).toHaveLength(2));
    expect(within(panel).getAllByTestId('recording').map((r) => r.textContent)).toEqual([first, second]);
  });

  it('names the conduct flags in words and shows the script version, note template and justification', async () => {
    const at = '2026-11-22T10:02:30Z';
    const rules = [
      'hold-without-consent',
      'transfer-without-consent',
      'closing-not-confirmed',
      'agent-hung-up-first',
      'callback-task',
      'blocked-phrases-justified',
      'some-future-rule',
    ];
    const detail = loggedCall({
      id: 'c1',
      flags: rules.map((rule) => ({ rule, at, detail: rule === 'callback-task' ? '客户 14:00 后方便' : null })),
      script: { id: 'inbound-zh', version: 3 },
      noteTemplate: 'complaint-quality',
      noteFields: { serialNo: 'SN-7', plateNo: '沪A12345' },
      justification: '引用客户原话',
    });
    callLogServer([detail], () => json(detail));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]);
    const panel = await screen.findByTestId('call-detail');
    await within(panel).findByTestId('detail-script');

    const labels = within(panel).getAllByTestId('flag-label');
    expect(labels.map((label) => label.textContent)).toEqual([
      'Hold without the customer’s consent',
      'Transfer without the customer’s consent',
      'Closing phrase not confirmed',
      'Agent hung up first',
      'Callback task',
      'Blocked phrases kept, with a reason',
      'some-future-rule',
    ]);
    expect(labels[0].getAttribute('title')).toBe('hold-without-consent');
    expect(within(panel).getAllByTestId('flag')[4].textContent).toContain('客户 14:00 后方便');
    expect(within(panel).getByTestId('detail-script').textContent).toBe('inbound-zh v3');
    expect(within(panel).getByText('complaint-quality')).toBeTruthy();
    expect(within(panel).getByTestId('detail-note-fields').textContent).toContain('沪A12345');
    expect(within(panel).getByTestId('detail-justification').textContent).toContain('引用客户原话');
  });

  it('shows a dash for the script of calls logged before scripts were versioned', async () => {
    const detail = loggedCall({ id: 'old' });
    callLogServer([detail], () => json(detail));
    render(<CallLogView lang="zh-CN" t={translator('zh-CN')} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]);
    expect((await screen.findByTestId('detail-script')).textContent).toBe('—');
  });

  it.each([
    ['en', 'ended between {after} and {before}', 'Ended while Cuecard could not see the PBX'],
    ['zh-CN', '结束于 {after} 至 {before} 之间', '通话在 Cuecard 看不到交换机期间结束'],
  ] as const)('shows a call that ended while Cuecard could not see the PBX as "ended between … and …" (%s)', async (lang, text, label) => {
    const after = '2026-11-22T10:00:09Z';
    const before = '2026-11-22T10:00:26Z';
    const detail = loggedCall({
      id: 'unseen',
      endedAt: after,
      endedAfter: after,
      endedBefore: before,
      talkSeconds: 4,
      hangupBy: 'system',
      flags: [{ rule: 'ended-while-disconnected', at: after, detail: `between ${after} and ${before}` }],
    });
    callLogServer([detail], () => json(detail));
    render(<CallLogView lang={lang} t={translator(lang)} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]);
    const panel = await screen.findByTestId('call-detail');

    const ended = await within(panel).findByTestId('ended-between');
    expect(ended.textContent).toBe(
      text.replace('{after}', formatDateTime(after, lang)).replace('{before}', formatDateTime(before, lang)),
    );
    expect(ended.closest('dd')).toBeTruthy();
    expect(within(panel).getByTestId('flag-label').textContent).toBe(label);
    expect(within(panel).queryByText(formatDateTime(after, lang), { selector: 'dd' })).toBeNull();
  });

  it('shows the end time of a call whose end was seen', async () => {
    const detail = loggedCall({ id: 'seen' });
    callLogServer([detail], () => json(detail));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.click(rows()[0]);
    const panel = await screen.findByTestId('call-detail');
    await within(panel).findByTestId('detail-script');
    expect(within(panel).queryByTestId('ended-between')).toBeNull();
    expect(within(panel).getByText(formatDateTime('2026-11-22T10:03:00Z', 'en'), { selector: 'dd' })).toBeTruthy();
  });

  it('shows the error when the call cannot be loaded', async () => {
    callLogServer([loggedCall({ id: 'gone' })], (id) => apiError(404, `No call ${id}`));
    render(<CallLogView lang="en" t={t} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    fireEvent.keyDown(rows()[0], { key: 'Enter' });
    expect((await screen.findByTestId('detail-error')).textContent).toBe('Could not load the call: No call gone');
  });
});
