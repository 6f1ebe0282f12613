/** Wire types of the Cuecard console API (REST and the /ws/console WebSocket). */

export type Lang = 'zh-CN' | 'en';

export type StageCode =
  | 'ringing'
  | 'greeting'
  | 'conversation'
  | 'hold'
  | 'transfer'
  | 'closing'
  | 'ended'
  | 'wrap-up';

/** Every stage in the order the stage strip shows them. */
export const STAGES: readonly StageCode[] = [
  'ringing',
  'greeting',
  'conversation',
  'hold',
  'transfer',
  'closing',
  'ended',
  'wrap-up',
];

export type AgentStateCode = 'idle' | 'ringing' | 'on-call' | 'wrap-up';

export interface Me {
  username: string;
  displayName: string;
  employeeNo: string;
  roles: string[];
  language: Lang | null;
}

/** A forbidden phrase found in notes; start/end are UTF-16 code unit indices (JS string indices). */
export interface Hit {
  start: number;
  end: number;
  phrase: string;
  ruleId: string;
  severity: 'warn' | 'block';
  suggestion: string;
}

export interface Transfer {
  type: string;
  from: string;
  to: string;
  at: string;
  answered: boolean;
}

export interface StageEntry {
  stage: StageCode;
  agent: string | null;
  enteredAt: string;
  leftAt: string | null;
  phraseConfirmed: boolean;
}

export interface Flag {
  rule: string;
  at: string;
  detail: string | null;
}

export interface Script {
  phrase: { text: string; translation: string | null } | null;
  resume: boolean;
  confirmed: boolean;
  next: { stage: StageCode; text: string }[];
}

export interface CallNotes {
  text: string;
  hits: Hit[];
  disposition: string | null;
  final: boolean;
  /** When the server last saved these notes (optional; used to pick between the server and a local draft). */
  updatedAt?: string | null;
}

/** One call as the console receives it. */
export interface CallFrame {
  id: string;
  direction: 'inbound' | 'outbound';
  customerNumber: string | null;
  queue: string | null;
  campaign: string | null;
  agents: string[];
  placedBy: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdCount: number;
  holdSeconds: number;
  transfers: Transfer[];
  abandoned: boolean;
  outcome: string | null;
  hangupBy: string | null;
  stage: StageCode;
  stageAgent: string | null;
  stages: StageEntry[];
  flags: Flag[];
  recording: string | null;
  script: Script | null;
  notes: CallNotes | null;
}

/** One fact of a logged call's timeline (e.g. queue-joined, agent-connected, hold, blind-transfer). */
export interface TimelineEntry {
  at: string;
  type: string;
  channel: string | null;
  agent: string | null;
  detail: string | null;
}

/**
 * One call from the call log (GET /api/calls and GET /api/calls/{id}): the call as logged, with the
 * notes text, its forbidden-phrase hits and the disposition kept beside it. Any field may be absent.
 */
export type CallLog = Omit<Partial<CallFrame>, 'notes'> & {
  id: string;
  startedAt: string;
  /** The notes text (the log's shape); a live frame's notes object is also understood. */
  notes?: string | CallNotes | null;
  forbiddenHits?: Hit[];
  disposition?: string | null;
  notesFinal?: boolean;
  /** How many forbidden phrases the notes had, if the server counts them; else taken from the hits. */
  hitCount?: number;
  hits?: Hit[];
  timeline?: TimelineEntry[];
};

/** A page of the call log, newest first. */
export interface CallPage {
  items: CallLog[];
  total: number;
}

/** Filters of the call log; empty strings mean "any". Dates are calendar days (YYYY-MM-DD) in local time. */
export interface CallFilters {
  agent: string;
  direction: '' | 'inbound' | 'outbound';
  fromDate: string;
  toDate: string;
}

export type Role = 'agent' | 'supervisor' | 'admin';

export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** An agent and their console user, as GET /api/agents lists them. */
export interface Agent {
  username: string;
  displayName: string;
  employeeNo: string | null;
  memberInterface: string | null;
  extension: string | null;
  roles: string[];
  language: Lang | null;
}

/** Body of POST /api/agents (all fields) or PUT /api/agents/{username} (only the changed ones). */
export interface AgentChanges {
  username?: string;
  password?: string;
  displayName?: string;
  employeeNo?: string;
  memberInterface?: string;
  extension?: string;
  roles?: string[];
  language?: Lang;
}

export interface AgentState {
  state: AgentStateCode;
  callId: string | null;
  wrapUpEndsAt: string | null;
}

export interface Disposition {
  code: string;
  label: Partial<Record<Lang, string>>;
}

export type ServerFrame =
  | {
      seq: number;
      type: 'snapshot';
      pbx: { connected: boolean };
      calls: CallFrame[];
      agentState: AgentState;
      dispositions: Disposition[];
    }
  | { seq: number; type: 'call'; call: CallFrame }
  | { seq: number; type: 'agent-state'; agentState: AgentState }
  | { seq: number; type: 'pbx'; connected: boolean }
  | { seq: number; type: 'hits'; callId: string; requestId: number; hits: Hit[] }
  | { seq: number; type: 'error'; message: string; requestId?: number | null };

export type ClientMessage =
  | { type: 'said-it'; callId: string }
  | { type: 'closing'; callId: string }
  | { type: 'notes'; callId: string; text: string; requestId: number }
  | { type: 'disposition'; callId: string; code: string }
  | { type: 'ready' };
