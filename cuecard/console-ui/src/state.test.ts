import { describe, expect, it } from 'vitest';
import { consoleReducer, currentCall, initialConsoleState, isInSequence, type ConsoleState } from './state';
import { callFrame, hit, onCall, wrapUp } from './test/fixtures';
import type { ServerFrame } from './types';

const CALL = '1700000000.1';

function run(frames: ServerFrame[], from: ConsoleState = initialConsoleState): ConsoleState {
  return frames.reduce((state, frame) => consoleReducer(state, { kind: 'frame', frame }), from);
}

const snapshot = (extra: Partial<Extract<ServerFrame, { type: 'snapshot' }>> = {}): ServerFrame => ({
  seq: 1,
  type: 'snapshot',
  pbx: { connected: true },
  calls: [callFrame()],
  agentState: onCall(CALL),
  dispositions: [{ code: 'consulting', label: { 'zh-CN': '咨询', en: 'Consulting' } }],
  ...extra,
});

describe('consoleReducer', () => {
  it('takes everything from a snapshot', () => {
    const state = run([snapshot()]);
    expect(state.lastSeq).toBe(1);
    expect(state.snapshots).toBe(1);
    expect(Object.keys(state.calls)).toEqual([CALL]);
    expect(state.agentState).toEqual(onCall(CALL));
    expect(state.dispositions.map((d) => d.code)).toEqual(['consulting']);
    expect(state.pbxConnected).toBe(true);
    expect(currentCall(state, 'agent1')?.id).toBe(CALL);
  });

  it('a snapshot replaces calls left over from before a reconnect', () => {
    const before = run([snapshot({ calls: [callFrame({ id: 'old' })] })]);
    const after = run([snapshot({ calls: [] })], consoleReducer(before, { kind: 'connection', status: 'open' }));
    expect(after.calls).toEqual({});
  });

  it('replaces a call by id', () => {
    const state = run([
      snapshot(),
      { seq: 2, type: 'call', call: callFrame({ stage: 'hold', holdCount: 2 }) },
    ]);
    expect(state.calls[CALL].stage).toBe('hold');
    expect(state.calls[CALL].holdCount).toBe(2);
    expect(Object.keys(state.calls)).toHaveLength(1);
  });

  it('adds a new call', () => {
    const state = run([snapshot({ calls: [] }), { seq: 2, type: 'call', call: callFrame({ id: 'x', stage: 'ringing' }) }]);
    expect(state.calls.x.stage).toBe('ringing');
  });

  it('moves an ended call to history, refreshing the recent calls', () => {
    const start = run([snapshot({ agentState: { state: 'idle', callId: null, wrapUpEndsAt: null } })]);
    const state = run([{ seq: 2, type: 'call', call: callFrame({ stage: 'ended', endedAt: '2026-11-22T10:03:00Z' }) }], start);
    expect(state.calls).toEqual({});
    expect(state.historyVersion).toBe(start.historyVersion + 1);
  });

  it('keeps an ended call on screen while this agent wraps it up, and drops it when wrap-up ends', () => {
    const ended = callFrame({ stage: 'ended', endedAt: '2026-11-22T10:03:00Z' });
    const wrapping = run([
      snapshot(),
      { seq: 2, type: 'agent-state', agentState: wrapUp(CALL) },
      { seq: 3, type: 'call', call: ended },
    ]);
    expect(wrapping.calls[CALL]).toBeDefined();
    expect(currentCall(wrapping, 'agent1')?.id).toBe(CALL);

    const done = run([{ seq: 4, type: 'agent-state', agentState: { state: 'idle', callId: null, wrapUpEndsAt: null } }], wrapping);
    expect(done.calls).toEqual({});
    expect(done.historyVersion).toBe(wrapping.historyVersion + 1);
    expect(currentCall(done, 'agent1')).toBeNull();
  });

  it('refreshes the recent calls as soon as a call ends, while it is still being wrapped up', () => {
    const live = run([snapshot(), { seq: 2, type: 'agent-state', agentState: wrapUp(CALL) }]);
    const ended = run([{ seq: 3, type: 'call', call: callFrame({ stage: 'wrap-up', endedAt: '2026-11-22T10:03:00Z' }) }], live);
    expect(ended.calls[CALL]).toBeDefined();
    expect(ended.historyVersion).toBe(live.historyVersion + 1);
    const again = run([{ seq: 4, type: 'call', call: callFrame({ stage: 'wrap-up', endedAt: '2026-11-22T10:03:00Z', holdCount: 3 }) }], ended);
    expect(again.historyVersion).toBe(ended.historyVersion);
  });

  it('drops a call in stage wrap-up once it has ended and its wrap-up is over', () => {
    const state = run([
      snapshot({ agentState: wrapUp(CALL), calls: [callFrame({ stage: 'wrap-up', endedAt: '2026-11-22T10:03:00Z' })] }),
      { seq: 2, type: 'agent-state', agentState: { state: 'idle', callId: null, wrapUpEndsAt: null } },
    ]);
    expect(state.calls).toEqual({});
  });

  it('notes the PBX link state', () => {
    const state = run([snapshot(), { seq: 2, type: 'pbx', connected: false }]);
    expect(state.pbxConnected).toBe(false);
    expect(run([{ seq: 3, type: 'pbx', connected: true }], state).pbxConnected).toBe(true);
  });

  it('follows overload episodes from the snapshot and the overload frames', () => {
    expect(run([snapshot()]).overload.active).toBe(false);
    const during = run([
      snapshot({ overload: { active: true, since: '2026-11-22T10:00:00Z', lagMs: 3200, dropped: 0 } }),
    ]);
    expect(during.overload).toEqual({ active: true, since: '2026-11-22T10:00:00Z', lagMs: 3200, dropped: 0 });
    const worse = run([{ seq: 2, type: 'overload', active: true, since: '2026-11-22T10:00:00Z', lagMs: 8000, dropped: 12 }], during);
    expect(worse.overload).toEqual({ active: true, since: '2026-11-22T10:00:00Z', lagMs: 8000, dropped: 12 });
    const over = run([{ seq: 3, type: 'overload', active: false, since: '2026-11-22T10:01:00Z', lagMs: 0, dropped: 12 }], worse);
    expect(over.overload.active).toBe(false);
    // a reconnect's snapshot without an episode clears a banner whose end frame was missed
    const fresh = run([snapshot({ overload: undefined })], consoleReducer(worse, { kind: 'connection', status: 'open' }));
    expect(fresh.overload.active).toBe(false);
  });

  it('keeps the newest hits reply per call and ignores an overtaken one', () => {
    const state = run([
      snapshot(),
      { seq: 2, type: 'hits', callId: CALL, requestId: 8, hits: [hit(0, 1, '喂')] },
      { seq: 3, type: 'hits', callId: CALL, requestId: 7, hits: [] },
    ]);
    expect(state.notesHits[CALL]).toEqual({ requestId: 8, hits: [hit(0, 1, '喂')] });
  });

  it('records server errors until dismissed', () => {
    const state = run([snapshot(), { seq: 2, type: 'error', message: 'no such call', requestId: 3 }]);
    expect(state.lastError).toEqual({ message: 'no such call', requestId: 3, code: null, fields: [], serial: 1 });
    expect(consoleReducer(state, { kind: 'dismiss-error' }).lastError).toBeNull();
  });

  it('keeps the code and the missing fields of a refused "ready", counting every error', () => {
    const state = run([
      snapshot(),
      { seq: 2, type: 'error', message: 'blocked phrases', code: 'blocked-phrases' },
      { seq: 3, type: 'error', message: 'fields missing', code: 'missing-fields', fields: ['serialNo', 'plateNo'] },
    ]);
    expect(state.errors).toBe(2);
    expect(state.lastError).toEqual({
      message: 'fields missing',
      requestId: null,
      code: 'missing-fields',
      fields: ['serialNo', 'plateNo'],
      serial: 2,
    });
  });

  it('on a seq gap marks the state stale and ignores frames until the next snapshot', () => {
    const gap = run([snapshot(), { seq: 3, type: 'call', call: callFrame({ stage: 'closing' }) }]);
    expect(gap.stale).toBe(true);
    expect(gap.calls[CALL].stage).toBe('conversation');
    const still = run([{ seq: 4, type: 'pbx', connected: false }], gap);
    expect(still.pbxConnected).toBe(true);

    const fresh = run([snapshot({ calls: [callFrame({ stage: 'closing' })] })], consoleReducer(still, { kind: 'connection', status: 'open' }));
    expect(fresh.stale).toBe(false);
    expect(fresh.calls[CALL].stage).toBe('closing');
    expect(fresh.lastSeq).toBe(1);
  });

  it('accepts nothing but a snapshot first on a new connection', () => {
    const state = run([{ seq: 1, type: 'pbx', connected: false }]);
    expect(state.stale).toBe(true);
    expect(state.pbxConnected).toBe(true);
  });

  it('tracks the connection status', () => {
    const down = consoleReducer(run([snapshot()]), { kind: 'connection', status: 'down' });
    expect(down.connection).toBe('down');
    const open = consoleReducer(down, { kind: 'connection', status: 'open' });
    expect(open.connection).toBe('open');
    expect(open.lastSeq).toBe(0);
  });
});

describe('isInSequence', () => {
  it('wants the next seq, or a snapshot', () => {
    expect(isInSequence(4, { seq: 5, type: 'call' })).toBe(true);
    expect(isInSequence(4, { seq: 6, type: 'call' })).toBe(false);
    expect(isInSequence(4, { seq: 4, type: 'call' })).toBe(false);
    expect(isInSequence(0, { seq: 1, type: 'snapshot' })).toBe(true);
    expect(isInSequence(4, { type: 'call' })).toBe(false);
  });
});

describe('currentCall', () => {
  it('falls back to a live call the agent is on when the agent state names none', () => {
    const state = run([snapshot({ agentState: { state: 'idle', callId: null, wrapUpEndsAt: null } })]);
    expect(currentCall(state, 'agent1')?.id).toBe(CALL);
    expect(currentCall(state, 'agent2')).toBeNull();
  });
});
