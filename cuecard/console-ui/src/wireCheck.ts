/**
 * Compile-time check of the console's wire types (types.ts) against the server's, whose TypeScript declarations are
 * generated from the server's records: the WebSocket frames (generated/protocol.ts, by ConsoleProtocolTypesTest) and
 * the REST answers (generated/rest.ts from /q/openapi, by ConsoleRestTypesTest). Every field the console requires of
 * a frame must exist on the server's side, and the frame types must be the same set; every field the console names
 * in a REST answer must exist in the server's. A field the server renames or drops fails `tsc` (and so the build)
 * instead of a console that quietly shows nothing. (The REST types the console takes as they are, e.g. `Me`, are the
 * generated ones: types.ts derives them.)
 */
import type * as Wire from './generated/protocol';
import type * as Rest from './generated/rest';
import type {
  AgentState,
  CallFilters,
  CallFrame,
  CallLog,
  CallNotes,
  CallPage,
  Consent,
  Consultation,
  Disposition,
  Flag,
  Hit,
  NoteTemplate,
  Overload,
  Phrase,
  Script,
  ScriptCard,
  ServerFrame,
  StageCode,
  StageEntry,
  TimelineEntry,
  Transfer,
  TransferEntry,
} from './types';

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** `true` when every required key of the console's type exists on the server's; else names the missing ones. */
export type Covered<Console, Server> = [Exclude<RequiredKeys<Console>, keyof Server>] extends [never]
  ? true
  : { missingOnServer: Exclude<RequiredKeys<Console>, keyof Server> };

/** `true` when every key of the console's type, optional ones too, is a member of the server's; else names the others. */
export type Named<Console, Server> = [Exclude<keyof Console, keyof Server>] extends [never]
  ? true
  : { notOnServer: Exclude<keyof Console, keyof Server> };

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : { differ: [A, B] }) : { differ: [A, B] };

type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;
type WireFrameOf<T extends Wire.ServerFrameJson['type']> = Extract<Wire.ServerFrameJson, { type: T }>;

export const WIRE_CHECKS: [
  Same<ServerFrame['type'], Wire.ServerFrameJson['type']>,
  Covered<FrameOf<'snapshot'>, WireFrameOf<'snapshot'>>,
  Covered<FrameOf<'call'>, WireFrameOf<'call'>>,
  Covered<FrameOf<'agent-state'>, WireFrameOf<'agent-state'>>,
  Covered<FrameOf<'pbx'>, WireFrameOf<'pbx'>>,
  Covered<FrameOf<'overload'>, WireFrameOf<'overload'>>,
  Covered<FrameOf<'hits'>, WireFrameOf<'hits'>>,
  Covered<FrameOf<'error'>, WireFrameOf<'error'>>,
  Covered<CallFrame, Wire.ConsoleCall>,
  Covered<CallNotes, Wire.FrameNotes>,
  Covered<Script, Wire.Prompt>,
  Covered<Phrase, Wire.Phrase>,
  Covered<ScriptCard, Wire.Card>,
  Covered<AgentState, Wire.AgentState>,
  Covered<Overload, Wire.OverloadChanged>,
  Covered<Hit, Wire.ForbiddenHit>,
  Covered<StageEntry, Wire.StageEntry>,
  Covered<Flag, Wire.Flag>,
  Covered<Transfer, Wire.Transfer>,
  Covered<Consent, Wire.Consent>,
  Covered<Disposition, Wire.Disposition>,
  Covered<TransferEntry, Wire.TransferEntry>,
  Covered<Consultation, Wire.Consultation>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

type Answer<Operation extends keyof Rest.Responses> = Rest.Responses[Operation];
type LoggedCall = Answer<'GET /api/calls/{id}'>;

export const REST_CHECKS: [
  Named<CallPage, Answer<'GET /api/calls'>>,
  Same<Answer<'GET /api/calls'>['items'][number], LoggedCall>,
  Named<CallLog, LoggedCall>,
  Named<Hit, NonNullable<LoggedCall['forbiddenHits']>[number]>,
  Named<StageEntry, NonNullable<LoggedCall['stages']>[number]>,
  Named<TimelineEntry, NonNullable<LoggedCall['timeline']>[number]>,
  Named<Flag, NonNullable<LoggedCall['flags']>[number]>,
  Named<Transfer, NonNullable<LoggedCall['transfers']>[number]>,
  Named<Consent, NonNullable<LoggedCall['consent']>>,
  Same<StageCode, NonNullable<LoggedCall['stage']>>,
  Same<Exclude<CallFilters['direction'], ''>, NonNullable<LoggedCall['direction']>>,
  Named<NoteTemplate, Answer<'GET /api/note-templates'>[number]>,
  Named<NoteTemplate['fields'][number], Answer<'GET /api/note-templates'>[number]['fields'][number]>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true];
