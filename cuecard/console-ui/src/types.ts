/**
 * Wire types of the Cuecard console API (REST and the /ws/console WebSocket). Where the console takes a REST type as
 * the server describes it, it is the generated one (generated/rest.ts); the others are checked against the generated
 * ones in wireCheck.ts.
 */
import type * as Rest from './generated/rest';

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

/** An active login session, as admins see it (`GET /api/users/{username}/sessions`). */
export type SessionInfo = Rest.Responses['GET /api/users/{username}/sessions'][number];

/** Who is logged in (`GET /api/me`). */
export type Me = Rest.Responses['GET /api/me'];

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

/** Where a call's transfer stands (the server's transfer states). */
export type TransferStateCode =
  | 'none'
  | 'blind-requested'
  | 'consulting'
  | 'ringing-target'
  | 'completed'
  | 'failed'
  | 'abandoned';

/**
 * One change of the call's transfer state: the state entered, the agent concerned (the transferer, the colleague
 * consulted or the target who answered), when, and why (`attended-requested`, `consultation-unanswered`, `aborted` …).
 */
export interface TransferEntry {
  state: TransferStateCode | null;
  agent: string | null;
  at: string | null;
  cause: string | null;
}

/**
 * The colleague an agent consults in an attended transfer (a user name, else the channel dialled): their phone rings,
 * they talk with the agent while the customer waits, or they did not answer.
 */
export interface Consultation {
  colleague: string | null;
  state: 'ringing' | 'talking' | 'unanswered' | string | null;
  since: string | null;
}

/** The transfer actions the console sends the phone system (named in a refusal). */
export type TransferActionCode = 'blind-transfer' | 'attended-transfer' | 'cancel-transfer' | 'complete-transfer';

export interface StageEntry {
  stage: StageCode;
  agent: string | null;
  enteredAt: string;
  leftAt: string | null;
  phraseConfirmed: boolean;
  /** Why the call entered it (`answered`, `held` …); `left-after-transfer` marks the wrap-up of an agent who transferred the customer. */
  cause?: string | null;
}

export interface Flag {
  rule: string;
  at: string;
  detail: string | null;
}

/** A phrase with its translation into the console's other language (when the script has one). */
export interface Phrase {
  text: string;
  translation: string | null;
}

/** A situational card the agent can open during conversation (e.g. complaint soothing, line problem). */
export interface ScriptCard {
  id: string;
  row: number | null;
  situation: string;
  situationTranslation: string | null;
  text: string;
  translation: string | null;
}

export interface Script {
  /** The script this call runs with, and its version (older servers leave them out). */
  id?: string | null;
  version?: number | null;
  phrase: Phrase | null;
  resume: boolean;
  confirmed: boolean;
  next: { stage: StageCode; text: string }[];
  /** The hold has lasted longer than the limit: `phrase` is the in-hold phrase (row 5). */
  inHold?: boolean;
  /** Resuming after a long hold: `phrase` is the apology (row 4), which must be said. */
  apologyRequired?: boolean;
  /** Situational cards for the conversation. */
  cards?: ScriptCard[];
  /** The transfer target did not answer: row 9's phrase (text, or text with translation). */
  transferFailed?: string | Phrase | null;
}

/** When the customer last agreed to a hold or a transfer (ISO instants). */
export interface Consent {
  hold: string | null;
  transfer: string | null;
}

export interface CallNotes {
  text: string;
  hits: Hit[];
  disposition: string | null;
  final: boolean;
  /** When the server last saved these notes (optional; used to pick between the server and a local draft). */
  updatedAt?: string | null;
  /** The structured note template chosen and its fields, when the server echoes them. */
  template?: string | null;
  fields?: Record<string, string> | null;
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
  /** The first recording (null: none); {@link recordings} has every leg's. */
  recording: string | null;
  /** Every leg's recording file, in the order they started (e.g. agent1's, then agent2's after a transfer). */
  recordings: string[];
  script: Script | null;
  notes: CallNotes | null;
  /** Latest consent times (absent from older servers). */
  consent?: Consent | null;
  /** Each change of the call's transfer state, in order (absent from older servers). */
  transferEntries?: TransferEntry[] | null;
  /** The colleague consulted in the attended transfer under way (absent from older servers). */
  consultation?: Consultation | null;
  /**
   * A call that ended while Cuecard could not see the PBX ended between these two instants: the last moment it was
   * seen up and when Cuecard saw it gone (null, or absent from older servers, when its end was seen).
   */
  endedAfter?: string | null;
  endedBefore?: string | null;
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
export type CallLog = Omit<Partial<CallFrame>, 'notes' | 'script'> & {
  id: string;
  startedAt: string;
  /** The notes text (the log's shape); a live frame's notes object is also understood. */
  notes?: string | CallNotes | null;
  forbiddenHits?: Hit[];
  disposition?: string | null;
  notesFinal?: boolean;
  /** How many forbidden phrases the notes had, if the server counts them; else taken from the hits. */
  hitCount?: number;
  timeline?: TimelineEntry[];
  /** The script the call ran with (the logged call gives id and version only). */
  script?: { id?: string | null; version?: number | null } | null;
  noteTemplate?: string | null;
  noteFields?: Record<string, string> | null;
  /** Why the agent submitted notes that contain blocked phrases. */
  justification?: string | null;
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
export type Agent = Rest.Responses['GET /api/agents'][number];

/** Body of POST /api/agents (all fields) or PUT /api/agents/{username} (only the changed ones). */
export type AgentChanges = Rest.Requests['PUT /api/agents/{username}'];

export interface AgentState {
  state: AgentStateCode;
  callId: string | null;
  wrapUpEndsAt: string | null;
}

export interface Disposition {
  code: string;
  label: Partial<Record<Lang, string>>;
}

/**
 * Cuecard's overload state: while `active`, call events reach the console `lagMs` late and asterisk-java dropped
 * `dropped` AMI events during the episode. `since`: when the episode started (active) or ended.
 */
export interface Overload {
  active: boolean;
  since: string | null;
  lagMs: number;
  dropped: number;
}

export type ServerFrame =
  | {
      seq: number;
      type: 'snapshot';
      pbx: { connected: boolean };
      /** Absent from servers older than the overload banner. */
      overload?: Overload;
      calls: CallFrame[];
      agentState: AgentState;
      dispositions: Disposition[];
    }
  | { seq: number; type: 'call'; call: CallFrame; pbxTimestamp?: string }
  | { seq: number; type: 'agent-state'; agentState: AgentState }
  | { seq: number; type: 'pbx'; connected: boolean }
  | ({ seq: number; type: 'overload' } & Overload)
  | { seq: number; type: 'hits'; callId: string; requestId: number; hits: Hit[] }
  | {
      seq: number;
      type: 'error';
      message: string;
      requestId?: number | null;
      /** Why `ready` was refused: `blocked-phrases` (give a justification) or `missing-fields`. */
      code?: string | null;
      /** With `missing-fields`: the ids of the template's required fields that are empty. */
      fields?: string[] | null;
      /** With `pbx-refused`, `pbx-no-answer`, `pbx-not-sent`: the call and the transfer action the phone system refused. */
      callId?: string | null;
      action?: TransferActionCode | null;
      /** With `pbx-refused`: the phone system's own message. */
      pbxMessage?: string | null;
    };

export type TransferMode = 'blind' | 'attended';
export type TransferTargetKind = 'agent' | 'extension' | 'queue';

export interface TransferRequest {
  mode: TransferMode;
  target: { kind: TransferTargetKind; value: string };
}

export type ClientMessage =
  | { type: 'said-it'; callId: string }
  | { type: 'closing'; callId: string }
  | {
      type: 'notes';
      callId: string;
      text: string;
      requestId: number;
      template: string | null;
      fields: Record<string, string>;
    }
  | { type: 'disposition'; callId: string; code: string }
  | { type: 'ready'; justification: string | null }
  | { type: 'hold-consent'; callId: string }
  | { type: 'transfer-consent'; callId: string }
  | ({ type: 'transfer'; callId: string } & TransferRequest)
  | { type: 'transfer-complete'; callId: string }
  | { type: 'transfer-cancel'; callId: string }
  | { type: 'callback'; callId: string; note: string };

/** A localised text: Simplified Chinese and English. */
export type Localized = Partial<Record<Lang, string>>;

/** A structured note template (GET /api/note-templates). */
export interface NoteTemplate {
  id: string;
  kind: 'consulting' | 'rescue' | 'complaint' | string;
  name: Localized;
  fields: { id: string; label: Localized; required: boolean }[];
  /** The standard sentence with `{fieldId}` placeholders. */
  sentence: string;
}

/** The structured part of the notes: which template and its field values. */
export interface NoteStructure {
  template: string | null;
  fields: Record<string, string>;
}

/** A script as GET /api/scripts lists it (its latest version). */
export type ScriptSummary = Rest.Responses['GET /api/scripts'][number];

/** One saved version of a script. */
export type ScriptVersion = Rest.Responses['GET /api/scripts/{id}/versions'][number];

/** A validation error of a script, by field path (e.g. `stages[0].phrases[0].text`). */
export interface FieldError {
  field: string;
  message: string;
}
