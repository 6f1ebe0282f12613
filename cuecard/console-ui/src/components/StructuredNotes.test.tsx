import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftStore } from '../drafts';
import { callFrame, complaintTemplate, wrapUp } from '../test/fixtures';
import { renderWorkspace, serverError } from '../test/workspace';
import type { NoteTemplate } from '../types';
import { NOTES_DEBOUNCE_MS } from './NotesEditor';

const CALL = '1700000000.1';

const TEMPLATES: NoteTemplate[] = [
  {
    id: 'consulting-price',
    kind: 'consulting',
    name: { 'zh-CN': '价格咨询', en: 'Price inquiry' },
    fields: [{ id: 'brand', label: { 'zh-CN': '品牌', en: 'Brand' }, required: false }],
    sentence: '客户咨询{brand}价格。',
  },
  complaintTemplate,
];

const notes = () => screen.getByTestId('notes') as HTMLTextAreaElement;
const field = (id: string) => screen.getByTestId(`note-field-${id}`) as HTMLInputElement;

describe('structured notes', () => {
  beforeEach(() => {
    localStorage.clear();
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('picks a template, marks the required fields and renders the standard sentence into the notes', () => {
    const { actions } = renderWorkspace({ noteTemplates: TEMPLATES });
    const picker = screen.getByTestId('note-template') as HTMLSelectElement;
    expect([...picker.querySelectorAll('optgroup')].map((g) => g.label)).toEqual(['Consulting', 'Complaint']);
    fireEvent.change(picker, { target: { value: 'complaint-quality' } });

    expect(field('serialNo').required).toBe(true);
    expect(field('fault').required).toBe(false);
    expect(screen.getAllByTitle('Required')).toHaveLength(2);
    expect(notes().value).toBe('客户投诉（流水号{serialNo}，车牌{plateNo}）：{fault}。');

    fireEvent.change(field('serialNo'), { target: { value: 'SN-7' } });
    fireEvent.change(field('plateNo'), { target: { value: '沪A12345' } });
    expect(notes().value).toBe('客户投诉（流水号SN-7，车牌沪A12345）：{fault}。');

    act(() => vi.advanceTimersByTime(NOTES_DEBOUNCE_MS));
    expect(actions.notes).toHaveBeenLastCalledWith(CALL, '客户投诉（流水号SN-7，车牌沪A12345）：{fault}。', {
      template: 'complaint-quality',
      fields: { serialNo: 'SN-7', plateNo: '沪A12345' },
    });
  });

  it('keeps what the agent wrote around the sentence, and does not overwrite a sentence the agent rewrote', () => {
    renderWorkspace({ noteTemplates: TEMPLATES });
    fireEvent.change(screen.getByTestId('note-template'), { target: { value: 'consulting-price' } });
    fireEvent.change(notes(), { target: { value: `${notes().value}\n客户说“太贵了”` } });
    fireEvent.change(field('brand'), { target: { value: '东风' } });
    expect(notes().value).toBe('客户咨询东风价格。\n客户说“太贵了”');

    fireEvent.change(notes(), { target: { value: '客户问东风的价格' } });
    fireEvent.change(field('brand'), { target: { value: '东风日产' } });
    expect(notes().value).toBe('客户问东风的价格');
    fireEvent.click(screen.getByTestId('fill-sentence'));
    expect(notes().value).toBe('客户问东风的价格\n客户咨询东风日产价格。');
    expect(screen.queryByTestId('fill-sentence')).toBeNull();
  });

  it('keeps the template and fields in the local draft across a reload', () => {
    const drafts = new DraftStore(localStorage);
    renderWorkspace({ noteTemplates: TEMPLATES, drafts });
    fireEvent.change(screen.getByTestId('note-template'), { target: { value: 'consulting-price' } });
    fireEvent.change(field('brand'), { target: { value: '东风' } });
    cleanup();
    renderWorkspace({ noteTemplates: TEMPLATES, drafts });
    expect((screen.getByTestId('note-template') as HTMLSelectElement).value).toBe('consulting-price');
    expect(field('brand').value).toBe('东风');
    expect(notes().value).toBe('客户咨询东风价格。');
  });

  it('has no picker without templates', () => {
    renderWorkspace();
    expect(screen.queryByTestId('note-template')).toBeNull();
  });
});

describe('ready at wrap-up', () => {
  const ended = () => callFrame({ stage: 'wrap-up', endedAt: '2026-11-22T10:03:00Z' });
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('sends no justification at first; after a blocked-phrases refusal asks for one and resends with it', () => {
    const { actions, update } = renderWorkspace({ call: ended(), agentState: wrapUp(CALL) });
    expect(screen.queryByTestId('justification')).toBeNull();
    fireEvent.click(screen.getByTestId('ready'));
    expect(actions.ready).toHaveBeenLastCalledWith(null);

    update({ lastError: serverError('notes contain blocked phrases', 1, 'blocked-phrases') });
    expect(screen.getByTestId('ready-refused').textContent).toContain('blocked phrases');
    fireEvent.change(screen.getByTestId('justification'), { target: { value: ' 引用客户原话 ' } });
    update({ lastError: null }); // pressing Ready dismisses the refusal; the reason stays
    fireEvent.click(screen.getByTestId('ready'));
    expect(actions.ready).toHaveBeenLastCalledWith('引用客户原话');
  });

  it('highlights the required fields a missing-fields refusal names', () => {
    const drafts = new DraftStore(localStorage);
    drafts.save(CALL, '', 1, { template: 'complaint-quality', fields: { serialNo: 'SN-1' } });
    renderWorkspace({
      call: ended(),
      agentState: wrapUp(CALL),
      drafts,
      noteTemplates: TEMPLATES,
      lastError: serverError('required fields missing', 1, 'missing-fields', ['serialNo', 'plateNo']),
    });
    expect(screen.getByTestId('ready-refused').textContent).toBe('Required fields of the note template are empty.');
    expect(field('plateNo').getAttribute('aria-invalid')).toBe('true');
    expect(field('plateNo').closest('label')?.className).toContain('missing');
    expect(field('serialNo').getAttribute('aria-invalid')).toBeNull(); // filled since
    expect(screen.getByTestId('notes-missing').textContent).toBe('Fill in the required fields: Plate number');
    fireEvent.change(field('plateNo'), { target: { value: '沪A1' } });
    expect(screen.queryByTestId('notes-missing')).toBeNull();
  });

  it('ignores errors that are not about "ready"', () => {
    renderWorkspace({ call: ended(), agentState: wrapUp(CALL), lastError: serverError('no such call', 1) });
    expect(screen.queryByTestId('ready-refused')).toBeNull();
    expect(screen.queryByTestId('justification')).toBeNull();
  });
});
