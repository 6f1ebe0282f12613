import type { AgentState, CallFrame, Disposition, Hit, Overload, ServerFrame, TransferActionCode } from './types';

/** The console's connection to the server, as the banner shows it. */
export type ConnectionStatus = 'connecting' | 'open' | 'down';

/** The latest forbidden-phrase reply for one call's notes. */
export interface NotesHits {
  requestId: number;
  hits: Hit[];
}

/** Everything the console knows from the WebSocket. Built only by {@link consoleReducer}. */
export interface ConsoleState {
  connection: ConnectionStatus;
  /** Seq of the last frame applied; 0 before the first snapshot of a connection. */
  lastSeq: number;
  /** True after a frame arrived out of sequence: data is stale until the next snapshot. */
  stale: boolean;
  /** How many snapshots have been applied (lets views react to a fresh start). */
  snapshots: number;
  pbxConnected: boolean;
  /** The server's overload episode, if any (the banner). */
  overload: Overload;
  /** Live calls (and the call this agent is wrapping up) by id, in arrival order. */
  calls: Record<string, CallFrame>;
  agentState: AgentState;
  dispositions: Disposition[];
  notesHits: Record<string, NotesHits>;
  /** Bumped whenever a call leaves the live list: the recent-calls list should be refreshed. */
  historyVersion: number;
  lastError: ServerError | null;
  /** How many error frames have arrived (lets a view tell a new error from the one it already saw). */
  errors: number;
}

/** An `error` frame as the console keeps it. */
export interface ServerError {
  message: string;
  requestId: number | null;
  /** `blocked-phrases` or `missing-fields` when `ready` was refused; null otherwise. */
  code: string | null;
  /** With `missing-fields`: the required fields left empty. */
  fields: string[];
  /** A refused transfer action (`pbx-refused`, `pbx-no-answer`, `pbx-not-sent`): its call, the action, the phone system's message. */
  callId?: string | null;
  action?: TransferActionCode | null;
  pbxMessage?: string | null;
  /** The value of {@link ConsoleState.errors} this error was counted as. */
  serial: number;
}

export type ConsoleAction =
  | { kind: 'frame'; frame: ServerFrame }
  | { kind: 'connection'; status: ConnectionStatus }
  | { kind: 'dismiss-error' };

export const IDLE: AgentState = { state: 'idle', callId: null, wrapUpEndsAt: null };

export const NO_OVERLOAD: Overload = { active: false, since: null, lagMs: 0, dropped: 0 };

/** An overload state from a frame, whatever the server left out. */
function toOverload(value: Partial<Overload> | null | undefined): Overload {
  if (!value) return NO_OVERLOAD;
  return {
    active: value.active === true,
    since: typeof value.since === 'string' ? value.since : null,
    lagMs: typeof value.lagMs === 'number' ? value.lagMs : 0,
    dropped: typeof value.dropped === 'number' ? value.dropped : 0,
  };
}

export const initialConsoleState: ConsoleState = {
  connection: 'connecting',
  lastSeq: 0,
  stale: false,
  snapshots: 0,
  pbxConnected: true,
  overload: NO_OVERLOAD,
  calls: {},
  agentState: IDLE,
  dispositions: [],
  notesHits: {},
  historyVersion: 0,
  lastError: null,
  errors: 0,
};

/** Whether a frame with this seq continues the connection's sequence (snapshots always start one). */
export function isInSequence(lastSeq: number, frame: { seq?: unknown; type?: unknown }): boolean {
  if (typeof frame.seq !== 'number') return false;
  if (frame.type === 'snapshot') return true;
  return lastSeq > 0 && frame.seq === lastSeq + 1;
}

/** True when this agent is wrapping up the given call (the call then stays on screen after it ended). */
function inWrapUpOf(agentState: AgentState, callId: string): boolean {
  return agentState.state === 'wrap-up' && agentState.callId === callId;
}

/** Whether a call belongs in history rather than among the live calls. */
export function isFinished(call: CallFrame, agentState: AgentState): boolean {
  return call.stage === 'ended' && !inWrapUpOf(agentState, call.id);
}

function withoutFinished(calls: Record<string, CallFrame>, agentState: AgentState) {
  let removed = 0;
  const kept: Record<string, CallFrame> = {};
  for (const [id, call] of Object.entries(calls)) {
    if (isFinished(call, agentState)) removed++;
    else kept[id] = call;
  }
  return { kept, removed };
}

function applyFrame(state: ConsoleState, frame: ServerFrame): ConsoleState {
  switch (frame.type) {
    case 'snapshot': {
      const byId: Record<string, CallFrame> = {};
      for (const call of frame.calls ?? []) byId[call.id] = call;
      const agentState = frame.agentState ?? IDLE;
      const { kept } = withoutFinished(byId, agentState);
      return {
        ...state,
        stale: false,
        snapshots: state.snapshots + 1,
        pbxConnected: frame.pbx?.connected !== false,
        overload: toOverload(frame.overload),
        calls: kept,
        agentState,
        dispositions: frame.dispositions ?? [],
        // a reconnect may have missed calls ending: the recent-calls list is refreshed too
        historyVersion: state.historyVersion + 1,
      };
    }
    case 'call': {
      const before = state.calls[frame.call.id];
      const calls = { ...state.calls, [frame.call.id]: frame.call };
      const { kept, removed } = withoutFinished(calls, state.agentState);
      // a call that just ended belongs in the recent calls at once, even while it is still being wrapped up
      const justEnded = frame.call.endedAt != null && before != null && before.endedAt == null;
      return { ...state, calls: kept, historyVersion: state.historyVersion + (removed > 0 || justEnded ? 1 : 0) };
    }
    case 'agent-state': {
      const { kept, removed } = withoutFinished(state.calls, frame.agentState);
      const previous = state.agentState;
      // leaving wrap-up: the wrapped-up call is done once it has ended
      if (previous.state === 'wrap-up' && previous.callId && !inWrapUpOf(frame.agentState, previous.callId)) {
        const call = kept[previous.callId];
        if (call && call.endedAt != null) {
          delete kept[previous.callId];
          return { ...state, agentState: frame.agentState, calls: kept, historyVersion: state.historyVersion + 1 };
        }
      }
      return {
        ...state,
        agentState: frame.agentState,
        calls: kept,
        historyVersion: state.historyVersion + (removed > 0 ? 1 : 0),
      };
    }
    case 'pbx':
      return { ...state, pbxConnected: frame.connected };
    case 'overload':
      return { ...state, overload: toOverload(frame) };
    case 'hits': {
      const previous = state.notesHits[frame.callId];
      if (previous && previous.requestId > frame.requestId) return state; // an older reply overtaken
      return {
        ...state,
        notesHits: { ...state.notesHits, [frame.callId]: { requestId: frame.requestId, hits: frame.hits ?? [] } },
      };
    }
    case 'error': {
      const serial = state.errors + 1;
      const lastError: ServerError = {
        message: frame.message,
        requestId: frame.requestId ?? null,
        code: frame.code ?? null,
        fields: Array.isArray(frame.fields) ? frame.fields.filter((f) => typeof f === 'string') : [],
        // a refused transfer action names its call, the action and the phone system's message (other errors do not)
        ...(frame.action ? { callId: frame.callId ?? null, action: frame.action, pbxMessage: frame.pbxMessage ?? null } : {}),
        serial,
      };
      return { ...state, lastError, errors: serial };
    }
    default:
      return state;
  }
}

/** Pure reducer: server frames and connection changes in, console state out. */
export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.kind) {
    case 'connection':
      if (action.status === 'open') return { ...state, connection: 'open', lastSeq: 0 };
      return { ...state, connection: action.status };
    case 'dismiss-error':
      return { ...state, lastError: null };
    case 'frame': {
      const frame = action.frame;
      if (state.stale && frame.type !== 'snapshot') return state;
      if (!isInSequence(state.lastSeq, frame)) return { ...state, stale: true };
      return { ...applyFrame(state, frame), lastSeq: frame.seq };
    }
  }
}

/** The call this agent works on now: the one the agent state names, else a live call the agent is on. */
export function currentCall(state: ConsoleState, username: string): CallFrame | null {
  const { callId } = state.agentState;
  if (callId && state.calls[callId]) return state.calls[callId];
  const mine = Object.values(state.calls).filter(
    (call) =>
      call.stageAgent === username || ((call.agents ?? []).includes(username) && !leftAfterTransfer(call, username)),
  );
  return mine.length > 0 ? mine[mine.length - 1] : null;
}

/** The user transferred the customer of this live call and finished their wrap-up of it: it is no longer theirs. */
function leftAfterTransfer(call: CallFrame, username: string): boolean {
  return (call.stages ?? []).some(
    (s) => s.stage === 'wrap-up' && s.agent === username && s.leftAt != null && s.cause === 'left-after-transfer',
  );
}

/** All live calls, oldest first (the supervisor's grid). */
export function liveCalls(state: ConsoleState): CallFrame[] {
  return Object.values(state.calls).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}
