import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callFrame } from '../test/fixtures';
import { renderWorkspace, serverError } from '../test/workspace';
import type { Agent, CallFrame, Script } from '../types';

const CALL = '1700000000.1';
const HOLD_PHRASE = '请您稍等，我帮您查询一下。';

/** A call in conversation whose script lists the hold phrase (row 3) among the next stages. */
function conversation(script: Partial<Script> = {}, overrides: Partial<CallFrame> = {}): CallFrame {
  const base = callFrame();
  return callFrame({
    ...overrides,
    script: {
      ...base.script!,
      next: [
        { stage: 'hold', text: HOLD_PHRASE },
        { stage: 'closing', text: '感谢您的来电，再见。' },
      ],
      ...script,
    },
  });
}

const agent = (username: string, displayName: string, extension: string): Agent => ({
  username,
  displayName,
  employeeNo: null,
  memberInterface: null,
  extension,
  roles: ['agent'],
  language: null,
});

const button = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;

describe('hold', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('shows the row 3 phrase and records that the customer agreed', () => {
    const { actions } = renderWorkspace({ call: conversation() });
    expect(screen.queryByTestId('hold-phrase')).toBeNull();
    fireEvent.click(screen.getByTestId('hold-button'));
    expect(screen.getByTestId('hold-phrase').textContent).toBe(HOLD_PHRASE);
    fireEvent.click(screen.getByTestId('hold-consent'));
    expect(actions.holdConsent).toHaveBeenCalledWith(CALL);
  });

  it('shows the consent the server recorded and tells the agent to press hold on the phone', () => {
    renderWorkspace({ call: conversation({}, { consent: { hold: '2026-11-22T10:00:40Z', transfer: null } }) });
    const given = screen.getByTestId('hold-consent-given');
    expect(given.textContent).toMatch(/^Customer agreed to hold at \d{2}:\d{2}:\d{2}\. /);
    expect(given.textContent).toContain('Now press hold on your phone.');
    cleanup();

    // a consent from an earlier hold is still shown, without telling the agent to press hold now
    renderWorkspace({ call: conversation({}, { consent: { hold: '2026-11-22T09:58:00Z', transfer: null } }) });
    expect(screen.getByTestId('hold-consent-given').textContent).not.toContain('press hold');
  });

  it('cannot record consent while disconnected', () => {
    renderWorkspace({ call: conversation(), connected: false });
    fireEvent.click(screen.getByTestId('hold-button'));
    expect(button('hold-consent').disabled).toBe(true);
  });

  it('during a long hold shows the in-hold prompt (row 5) prominently', () => {
    const inHold = conversation(
      { inHold: true, phrase: { text: '感谢您的耐心等待，我还在为您查询。', translation: 'Thank you for waiting.' } },
      { stage: 'hold' },
    );
    const { update } = renderWorkspace({ call: conversation({}, { stage: 'hold' }) });
    expect(screen.queryByTestId('in-hold-prompt')).toBeNull();
    update({ call: inHold });
    expect(screen.getByTestId('in-hold-prompt').getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('phrase').textContent).toBe('感谢您的耐心等待，我还在为您查询。');
    expect(screen.getByTestId('phrase').closest('.phrase-box')?.className).toContain('prominent');
  });

  it('after a long hold marks the apology (row 4) required until "Said it" is pressed', () => {
    const apology = { text: '很抱歉让您久等了。', translation: 'Sorry to keep you waiting.' };
    const { actions, update } = renderWorkspace({
      call: conversation({ apologyRequired: true, resume: true, phrase: apology }),
    });
    expect(screen.getByTestId('apology-required').textContent).toBe('Required');
    expect(screen.getByTestId('phrase').textContent).toBe('很抱歉让您久等了。');
    expect(button('closing').disabled).toBe(true);
    fireEvent.click(screen.getByTestId('said-it'));
    expect(actions.saidIt).toHaveBeenCalledWith(CALL);

    update({ call: conversation({ apologyRequired: true, resume: true, phrase: apology, confirmed: true }) });
    expect(screen.queryByTestId('apology-required')).toBeNull();
    expect(button('closing').disabled).toBe(false);
  });
});

describe('transfer', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('keeps the Transfer button disabled until "customer agreed" is ticked, which records the consent', () => {
    const { actions } = renderWorkspace({ call: conversation() });
    expect(button('transfer-button').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('transfer-target-kind'), { target: { value: 'extension' } });
    fireEvent.change(screen.getByTestId('transfer-target'), { target: { value: '202' } });
    expect(button('transfer-button').disabled).toBe(true);
    fireEvent.click(button('transfer-button'));
    expect(actions.transfer).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('transfer-consent'));
    expect(actions.transferConsent).toHaveBeenCalledWith(CALL);
    expect(button('transfer-button').disabled).toBe(false);

    fireEvent.change(screen.getByTestId('transfer-mode'), { target: { value: 'attended' } });
    fireEvent.click(button('transfer-button'));
    expect(actions.transfer).toHaveBeenCalledWith(CALL, { mode: 'attended', target: { kind: 'extension', value: '202' } });
    expect(screen.getByTestId('transfer-requested')).toBeTruthy();

    fireEvent.click(screen.getByTestId('transfer-consent'));
    expect(button('transfer-button').disabled).toBe(true);
    expect(actions.transferConsent).toHaveBeenCalledTimes(1);
  });

  it('lets the ticked consent lapse after 60 s, as the server\'s does', () => {
    const at = Date.parse('2026-11-22T10:01:00Z');
    const { update } = renderWorkspace({ call: conversation(), now: at });
    fireEvent.click(screen.getByTestId('transfer-consent'));
    update({ now: at + 59_000 });
    expect((screen.getByTestId('transfer-consent') as HTMLInputElement).checked).toBe(true);
    expect(button('transfer-button').disabled).toBe(false);
    update({ now: at + 60_000 });
    expect((screen.getByTestId('transfer-consent') as HTMLInputElement).checked).toBe(false);
    expect(button('transfer-button').disabled).toBe(true);
  });

  it('offers the agents to a user who may list them (not the user), else a name field', () => {
    const colleagues = [agent('agent1', 'Agent One', '201'), agent('agent2', 'Agent Two', '202')];
    const { actions } = renderWorkspace({ call: conversation(), colleagues });
    const select = screen.getByTestId('transfer-target') as HTMLSelectElement;
    expect(select.tagName).toBe('SELECT');
    expect([...select.options].map((o) => o.value)).toEqual(['', 'agent2']);
    expect(select.options[1].textContent).toBe('Agent Two (202)');
    fireEvent.change(select, { target: { value: 'agent2' } });
    fireEvent.click(screen.getByTestId('transfer-consent'));
    fireEvent.click(button('transfer-button'));
    expect(actions.transfer).toHaveBeenCalledWith(CALL, { mode: 'blind', target: { kind: 'agent', value: 'agent2' } });
    cleanup();

    renderWorkspace({ call: conversation(), colleagues: null });
    expect(screen.getByTestId('transfer-target').tagName).toBe('INPUT');
  });

  it('to a queue, and says when no target was given', () => {
    const { actions } = renderWorkspace({ call: conversation() });
    fireEvent.change(screen.getByTestId('transfer-target-kind'), { target: { value: 'queue' } });
    fireEvent.click(screen.getByTestId('transfer-consent'));
    fireEvent.click(button('transfer-button'));
    expect(actions.transfer).not.toHaveBeenCalled();
    expect(screen.getByTestId('transfer-error').textContent).toBe('Choose or enter where to transfer the call.');
    fireEvent.change(screen.getByTestId('transfer-target'), { target: { value: ' service ' } });
    fireEvent.click(button('transfer-button'));
    expect(actions.transfer).toHaveBeenCalledWith(CALL, { mode: 'blind', target: { kind: 'queue', value: 'service' } });
  });

  it('shows the error the server answered to the transfer, not an older one', () => {
    const old = serverError('something earlier', 1);
    const { update } = renderWorkspace({ call: conversation(), lastError: old });
    fireEvent.change(screen.getByTestId('transfer-target-kind'), { target: { value: 'extension' } });
    fireEvent.change(screen.getByTestId('transfer-target'), { target: { value: '202' } });
    fireEvent.click(screen.getByTestId('transfer-consent'));
    fireEvent.click(button('transfer-button'));
    expect(screen.queryByTestId('transfer-error')).toBeNull();
    update({ lastError: serverError('no transfer consent in the last 60 s', 2) });
    expect(screen.getByTestId('transfer-error').textContent).toBe('Transfer refused: no transfer consent in the last 60 s');
  });

  it('when the target did not answer shows row 9 and creates a callback task', () => {
    const failed = { text: '您好，同事暂时不在，我记录下来请他稍后回电。', translation: 'My colleague is unavailable; they will call you back.' };
    const { actions } = renderWorkspace({ call: conversation({ transferFailed: failed }) });
    const box = screen.getByTestId('transfer-failed');
    expect(within(box).getByText(failed.text)).toBeTruthy();
    expect(within(box).getByText(failed.translation)).toBeTruthy();
    fireEvent.change(screen.getByTestId('callback-note'), { target: { value: '客户 14:00 后方便' } });
    fireEvent.click(screen.getByTestId('callback-button'));
    expect(actions.callback).toHaveBeenCalledWith(CALL, '客户 14:00 后方便');
    expect(screen.getByTestId('callback-sent').textContent).toBe('Callback task created.');
  });

  it('understands row 9 sent as plain text', () => {
    renderWorkspace({ call: conversation({ transferFailed: '同事暂时不在。' }) });
    expect(within(screen.getByTestId('transfer-failed')).getByText('同事暂时不在。')).toBeTruthy();
  });

  it('is not offered outside the call', () => {
    renderWorkspace({ call: conversation({}, { stage: 'greeting' }) });
    expect(screen.queryByTestId('transfer-panel')).toBeNull();
    expect(screen.queryByTestId('hold-panel')).toBeNull();
  });
});

describe('situational cards', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  const cards = [
    { id: 'clarify', row: 2, situation: '没听清', situationTranslation: 'Did not hear', text: '对不起，请您再说一遍好吗？', translation: 'Sorry, could you say that again?' },
    { id: 'line-problem', row: 17, situation: '线路问题', situationTranslation: 'Line problem', text: '对不起，电话声音不太清楚。', translation: null },
  ];

  it('opens a card from the row of buttons and shows its phrase large; a second click closes it', () => {
    renderWorkspace({ call: conversation({ cards }) });
    expect(screen.queryByTestId('card-phrase')).toBeNull();
    fireEvent.click(screen.getByTestId('card-clarify'));
    expect(screen.getByTestId('card-phrase').textContent).toBe('对不起，请您再说一遍好吗？');
    expect(screen.getByTestId('card-phrase').className).toContain('phrase');
    expect(screen.getByText('Sorry, could you say that again?')).toBeTruthy();
    expect(screen.getByTestId('card-clarify').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('card-line-problem'));
    expect(screen.getByTestId('card-phrase').textContent).toBe('对不起，电话声音不太清楚。');
    fireEvent.click(screen.getByTestId('card-line-problem'));
    expect(screen.queryByTestId('card-phrase')).toBeNull();
  });

  it('shows the cards only during conversation', () => {
    renderWorkspace({ call: conversation({ cards }, { stage: 'closing' }) });
    expect(screen.queryByTestId('situation-cards')).toBeNull();
  });
});
