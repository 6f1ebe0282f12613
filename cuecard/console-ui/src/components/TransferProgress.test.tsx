import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import type { ServerError } from '../state';
import { callFrame, wrapUp } from '../test/fixtures';
import { renderWorkspace, serverError } from '../test/workspace';
import type { Agent, CallFrame, Consultation, TransferEntry } from '../types';
import { errorText, transferProgress } from './TransferPanel';

const CALL = '1700000000.1';

const agent = (username: string, displayName: string, extension: string): Agent => ({
  username,
  displayName,
  employeeNo: null,
  memberInterface: null,
  extension,
  roles: ['agent'],
  language: null,
});
const COLLEAGUES = [agent('agent1', 'Agent One', '201'), agent('agent2', 'Wang Fang', '202')];

const requested: TransferEntry = { state: 'consulting', agent: 'agent1', at: '2026-11-22T10:01:00Z', cause: 'attended-requested' };

/** agent1's attended transfer from the console, the customer on the consultation hold (stage transfer). */
function consulting(consultation: Consultation | null, more: TransferEntry[] = []): CallFrame {
  return callFrame({ stage: 'transfer', transferEntries: [requested, ...more], consultation });
}

const ringing: Consultation = { colleague: 'agent2', state: 'ringing', since: '2026-11-22T10:01:01Z' };
const talking: Consultation = { colleague: 'agent2', state: 'talking', since: '2026-11-22T10:01:03Z' };

const button = (testId: string) => screen.getByTestId(testId) as HTMLButtonElement;
const progressText = () => screen.getByTestId('transfer-progress-text').textContent;

/** An error frame for a refused transfer action, as the reducer keeps it. */
const pbxError = (code: string, action: ServerError['action'], pbxMessage: string | null, serial: number): ServerError => ({
  ...serverError(`The PBX refused ${action}`, serial, code),
  callId: CALL,
  action,
  pbxMessage,
});

describe('attended transfer progress', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('follows the consultation: calling, the colleague ringing, then talking with the agent, by name', () => {
    const { update } = renderWorkspace({ call: consulting(null), colleagues: COLLEAGUES });
    expect(progressText()).toBe('Calling your colleague… The customer is on hold.');
    expect(screen.queryByTestId('transfer-button')).toBeNull(); // no second transfer while consulting

    update({ call: consulting(ringing) });
    expect(progressText()).toBe('Wang Fang’s phone is ringing. The customer is on hold.');
    update({ call: consulting(talking) });
    expect(progressText()).toBe('You are talking with Wang Fang. The customer is on hold and cannot hear you.');
  });

  it('offers Complete and Cancel while consulting and sends them', () => {
    const { actions, update } = renderWorkspace({ call: consulting(talking), colleagues: COLLEAGUES });
    expect(button('transfer-complete').textContent).toBe('Complete transfer');
    expect(button('transfer-cancel').textContent).toBe('Cancel (back to the customer)');

    fireEvent.click(button('transfer-complete'));
    expect(actions.completeTransfer).toHaveBeenCalledWith(CALL);
    expect(screen.getByTestId('transfer-ending').textContent).toBe('Completing the transfer…');
    expect(button('transfer-complete').disabled).toBe(true);
    expect(button('transfer-cancel').disabled).toBe(true);

    // the phone system refused: the agent reads why, in the console's words, and may try again
    update({ lastError: pbxError('pbx-refused', 'complete-transfer', 'No such channel', 1) });
    expect(screen.getByTestId('transfer-pbx-error').textContent).toBe(
      'The phone system refused the transfer completion: No such channel',
    );
    expect(button('transfer-cancel').disabled).toBe(false);
    fireEvent.click(button('transfer-cancel'));
    expect(actions.cancelTransfer).toHaveBeenCalledWith(CALL);
    expect(screen.getByTestId('transfer-ending').textContent).toBe('Going back to the customer…');
  });

  it('cannot complete or cancel while disconnected, nor a consultation of another agent', () => {
    renderWorkspace({ call: consulting(talking), colleagues: COLLEAGUES, connected: false });
    expect(button('transfer-complete').disabled).toBe(true);
    expect(button('transfer-cancel').disabled).toBe(true);
    cleanup();

    const theirs = callFrame({
      stage: 'transfer',
      transferEntries: [{ ...requested, agent: 'agent2' }],
      consultation: { colleague: 'agent1', state: 'ringing', since: null },
    });
    renderWorkspace({ call: theirs });
    expect(screen.queryByTestId('transfer-progress')).toBeNull();
    expect(screen.queryByTestId('transfer-complete')).toBeNull();
  });

  it('tells how the transfer ended', () => {
    const handedOver: TransferEntry = { state: 'ringing-target', agent: 'agent1', at: '2026-11-22T10:01:09Z', cause: 'attended-transfer' };
    const transfers = [{ type: 'attended', from: 'agent1', to: 'agent2', at: '2026-11-22T10:01:09Z', answered: false }];
    const { update } = renderWorkspace({
      call: callFrame({ stage: 'transfer', transferEntries: [requested, handedOver], transfers }),
      colleagues: COLLEAGUES,
      agentState: wrapUp(CALL),
    });
    expect(progressText()).toBe('The customer has been handed over: Wang Fang’s phone is ringing.');
    expect(screen.queryByTestId('transfer-complete')).toBeNull();
    expect(screen.queryByTestId('transfer-button')).toBeNull();

    const taken: TransferEntry = { state: 'completed', agent: 'agent2', at: '2026-11-22T10:01:12Z', cause: 'target-answered' };
    update({ call: callFrame({ stage: 'greeting', stageAgent: 'agent2', transferEntries: [requested, handedOver, taken], transfers }) });
    expect(progressText()).toBe('Wang Fang has taken the call. Transfer complete.');

    const unanswered: TransferEntry = { state: 'failed', agent: 'agent2', at: '2026-11-22T10:01:20Z', cause: 'consultation-unanswered' };
    update({
      call: consulting({ colleague: 'agent2', state: 'unanswered', since: '2026-11-22T10:01:20Z' }, [unanswered]),
      agentState: { state: 'on-call', callId: CALL, wrapUpEndsAt: null },
    });
    expect(progressText()).toBe('Wang Fang did not answer. Go back to the customer.');

    const aborted: TransferEntry = { state: 'abandoned', agent: 'agent1', at: '2026-11-22T10:01:20Z', cause: 'aborted' };
    update({ call: callFrame({ transferEntries: [requested, aborted] }) });
    expect(progressText()).toBe('The transfer was not made: the customer is still with you.');
    expect(screen.getByTestId('transfer-button')).toBeTruthy(); // the agent may transfer again
  });

  it('shows the phone system refusing the attended transfer itself', () => {
    const aborted: TransferEntry = { state: 'abandoned', agent: 'agent1', at: '2026-11-22T10:01:01Z', cause: 'aborted' };
    renderWorkspace({
      call: callFrame({ transferEntries: [requested, aborted] }),
      lastError: pbxError('pbx-refused', 'attended-transfer', 'No attended transfer feature code found', 3),
    });
    expect(screen.getByTestId('transfer-pbx-error').textContent).toBe(
      'The phone system refused the attended transfer: No attended transfer feature code found',
    );
  });
});

describe('transfer words in both languages', () => {
  const zh = translator('zh-CN');
  const en = translator('en');

  it('words refused, unanswered and unsent transfer actions', () => {
    expect(errorText(pbxError('pbx-refused', 'cancel-transfer', 'No such channel', 1), zh)).toBe('电话系统拒绝了取消转接：No such channel');
    expect(errorText(pbxError('pbx-no-answer', 'attended-transfer', null, 1), zh)).toBe('电话系统未及时确认咨询转接，请按未完成处理。');
    expect(errorText(pbxError('pbx-not-sent', 'blind-transfer', null, 1), en)).toBe(
      'Not connected to the phone system: the blind transfer was not sent.',
    );
    expect(errorText(serverError('No such live call', 1), zh)).toBe('No such live call');
  });

  it('reads the transfer state for the agent who transfers only', () => {
    expect(transferProgress(consulting(talking), 'agent1')).toEqual({
      key: 'transfer.progress.talking',
      colleague: 'agent2',
      consulting: true,
    });
    expect(transferProgress(consulting(talking), 'agent2')).toBeNull();
    expect(transferProgress(callFrame(), 'agent1')).toBeNull();
    expect(zh('transfer.progress.talking', { name: '王芳' })).toBe('您正在与王芳通话，客户在等待中，听不到您的声音。');
  });
});
