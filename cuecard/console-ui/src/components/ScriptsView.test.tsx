import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { goToLogin } from '../api';
import { translator } from '../i18n';
import { apiError, fakeApi, json, type Recorded } from '../test/fakeApi';
import { ScriptsView } from './ScriptsView';

vi.mock('../api', async (importOriginal) => ({ ...(await importOriginal<typeof import('../api')>()), goToLogin: vi.fn() }));

const t = translator('en');
const LIST = [
  { id: 'inbound-zh', name: '受理（简体）', language: 'zh-CN', version: 2, appliesTo: { queues: ['service'] }, updatedAt: '2026-11-22T09:00:00Z', updatedBy: 'sup1' },
  { id: 'return-visit-en', name: 'Return visit', language: 'en', version: 1, appliesTo: {}, updatedAt: null, updatedBy: null },
];
const script = (version: number, greeting = '您好，{centre}，工号{agentNo}，请问有什么可以帮您？') => ({
  id: 'inbound-zh',
  name: '受理（简体）',
  version,
  stages: [{ stage: 'greeting', phrases: [{ text: greeting }] }],
  forbidden: [
    {
      id: 'r01-wei',
      row: 1,
      phrase: '喂',
      translation: 'Hey',
      severity: 'warn',
      suggestion: { text: '您好', translation: 'Hello' },
    },
  ],
});

/** A script server: saves bump the version; `onPut` may answer differently. */
function scriptServer(onPut?: (request: Recorded) => Response | undefined) {
  let latest = script(2);
  return fakeApi((request) => {
    const { method, url } = request;
    if (method === 'GET' && url === '/api/scripts') return json(LIST.map((s) => (s.id === 'inbound-zh' ? { ...s, version: latest.version } : s)));
    if (method === 'GET' && url === '/api/scripts/inbound-zh') return json(latest);
    if (method === 'GET' && url === '/api/scripts/inbound-zh/versions') {
      return json(Array.from({ length: latest.version }, (_, i) => ({ version: i + 1, updatedAt: '2026-11-22T09:00:00Z', updatedBy: 'sup1' })));
    }
    if (method === 'GET' && url === '/api/scripts/inbound-zh/versions/1') return json(script(1, '您好！'));
    if (method === 'PUT' && url === '/api/scripts/inbound-zh') {
      const custom = onPut?.(request);
      if (custom) return custom;
      latest = { ...(request.body as ReturnType<typeof script>), version: latest.version + 1 };
      return json(latest);
    }
    if (method === 'POST' && url === '/api/scripts') return json({ ...script(1), id: 'imported', name: 'Imported' }, 201);
    return undefined;
  });
}

const editor = () => screen.getByTestId('script-editor') as HTMLTextAreaElement;
const save = () => screen.getByTestId('script-save') as HTMLButtonElement;

async function openInbound() {
  await waitFor(() => expect(screen.getAllByTestId('script-row')).toHaveLength(2));
  fireEvent.click(screen.getAllByTestId('script-row')[0]);
  await waitFor(() => expect(editor().value).toContain('"version": 2'));
  await waitFor(() => expect(screen.getAllByTestId('script-version-item')).toHaveLength(2));
}

describe('ScriptsView', () => {
  beforeEach(() => vi.mocked(goToLogin).mockClear());
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('lists the scripts and opens one as JSON with its versions and export links', async () => {
    scriptServer();
    render(<ScriptsView lang="en" t={t} />);
    await openInbound();
    const rows = screen.getAllByTestId('script-row');
    expect(within(rows[0]).getByText('受理（简体）')).toBeTruthy();
    expect(within(rows[1]).getByText('Return visit')).toBeTruthy();
    expect(JSON.parse(editor().value)).toEqual(script(2));
    expect(screen.getByTestId('script-version').textContent).toContain('v2');
    expect(screen.getByTestId('script-export-json').getAttribute('href')).toBe('/api/scripts/inbound-zh/export?format=json');
    expect(screen.getByTestId('script-export-yaml').getAttribute('href')).toBe('/api/scripts/inbound-zh/export?format=yaml');
    expect(save().disabled).toBe(true); // nothing changed yet
  });

  it('saves an edited greeting with PUT and shows the new version', async () => {
    const requests = scriptServer();
    render(<ScriptsView lang="en" t={t} />);
    await openInbound();
    fireEvent.change(editor(), { target: { value: JSON.stringify(script(2, '您好，欢迎致电{centre}！'), null, 2) } });
    fireEvent.click(save());
    await waitFor(() => expect(screen.getByTestId('script-notice').textContent).toBe('Saved as version 3.'));
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.url).toBe('/api/scripts/inbound-zh');
    expect((put?.body as ReturnType<typeof script>).stages[0].phrases[0].text).toBe('您好，欢迎致电{centre}！');
    await waitFor(() => expect(screen.getAllByTestId('script-version-item')).toHaveLength(3));
    expect(JSON.parse(editor().value).version).toBe(3);
    expect(within(screen.getAllByTestId('script-row')[0]).getByText('3')).toBeTruthy();
  });

  it('shows the validation errors field by field', async () => {
    scriptServer(() =>
      json(
        {
          error: 'the script is not valid',
          fields: [
            { field: 'stages[0].phrases[0].text', message: 'must not be blank' },
            { field: 'forbidden[3].severity', message: 'must be warn or block' },
          ],
        },
        400,
      ),
    );
    render(<ScriptsView lang="en" t={t} />);
    await openInbound();
    fireEvent.change(editor(), { target: { value: JSON.stringify(script(2, ''), null, 2) } });
    fireEvent.click(save());
    const errors = await screen.findByTestId('script-errors');
    expect(errors.textContent).toContain('the script is not valid');
    const items = within(errors).getAllByTestId('script-field-error');
    expect(items.map((item) => item.dataset.field)).toEqual(['stages[0].phrases[0].text', 'forbidden[3].severity']);
    expect(items[0].textContent).toBe('stages[0].phrases[0].text: must not be blank');
    expect(editor().value).toContain('"text": ""'); // the edit is kept
  });

  it('does not send text that is not JSON', async () => {
    const requests = scriptServer();
    render(<ScriptsView lang="en" t={t} />);
    await openInbound();
    fireEvent.change(editor(), { target: { value: '{ "id": ' } });
    fireEvent.click(save());
    expect((await screen.findByTestId('script-errors')).textContent).toContain('Not valid JSON');
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('opens an older version, which can be saved again as the newest', async () => {
    scriptServer();
    render(<ScriptsView lang="en" t={t} />);
    await openInbound();
    fireEvent.click(within(screen.getByTestId('script-versions')).getByText('v1'));
    await waitFor(() => expect(editor().value).toContain('您好！'));
    expect(screen.getByTestId('script-old-version').textContent).toContain('latest is 2');
    expect(save().disabled).toBe(false);
  });

  it('imports a YAML file with POST /api/scripts', async () => {
    const requests = scriptServer();
    render(<ScriptsView lang="en" t={t} />);
    await waitFor(() => expect(screen.getAllByTestId('script-row')).toHaveLength(2));
    const file = new File(['id: imported\nname: Imported\n'], 'imported.yaml', { type: 'application/yaml' });
    fireEvent.change(screen.getByTestId('script-import'), { target: { files: [file] } });
    await waitFor(() => expect(screen.getByTestId('script-notice').textContent).toBe('Imported imported.yaml.'));
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.body).toBe('id: imported\nname: Imported\n');
    const init = vi.mocked(fetch).mock.calls.find(([url, init]) => url === '/api/scripts' && init?.method === 'POST')?.[1];
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/yaml');
  });

  it('shows an import error', async () => {
    fakeApi((request) => {
      if (request.url === '/api/scripts' && request.method === 'GET') return json(LIST);
      if (request.method === 'POST') return apiError(400, 'unknown stage "hello"');
      return undefined;
    });
    render(<ScriptsView lang="en" t={t} />);
    await waitFor(() => expect(screen.getAllByTestId('script-row')).toHaveLength(2));
    fireEvent.change(screen.getByTestId('script-import'), { target: { files: [new File(['{}'], 'x.json')] } });
    expect((await screen.findByTestId('script-errors')).textContent).toContain('unknown stage "hello"');
  });

  it('edits stage phrases and the forbidden list in the structured view, marking rejected fields', async () => {
    const requests = scriptServer((request) => {
      const body = request.body as ReturnType<typeof script>;
      return body.forbidden.length > 1
        ? json({ error: 'invalid', fields: [{ field: 'forbidden[1].phrase', message: 'missing' }] }, 400)
        : undefined;
    });
    render(<ScriptsView lang="en" t={t} />);
    await openInbound();
    fireEvent.click(screen.getByTestId('script-mode-form'));
    const field = (path: string) =>
      screen.getAllByTestId('script-field').find((element) => element.dataset.field === path) as HTMLInputElement;
    expect(field('stages[0].phrases[0].text').value).toContain('您好，{centre}');
    fireEvent.change(field('stages[0].phrases[0].text'), { target: { value: '您好，欢迎致电{centre}！' } });
    fireEvent.change(field('forbidden[0].severity'), { target: { value: 'block' } });
    fireEvent.click(screen.getByTestId('script-rule-add'));
    expect(screen.getAllByTestId('script-rule')).toHaveLength(2);

    fireEvent.click(save());
    await screen.findByTestId('script-errors');
    expect(field('forbidden[1].phrase').getAttribute('aria-invalid')).toBe('true');
    const put = requests.find((r) => r.method === 'PUT')?.body as ReturnType<typeof script>;
    expect(put.stages[0].phrases[0].text).toBe('您好，欢迎致电{centre}！');
    expect(put.forbidden[0].severity).toBe('block');

    fireEvent.click(screen.getAllByTestId('script-rule-remove')[1]);
    fireEvent.click(screen.getByTestId('script-mode-json'));
    expect(JSON.parse(editor().value).forbidden).toHaveLength(1);
    fireEvent.click(save());
    await waitFor(() => expect(screen.getByTestId('script-notice').textContent).toBe('Saved as version 3.'));
  });
});
