/**
 * Compile-time check of the console's wire types (types.ts) against the server's frames, whose TypeScript
 * declarations are generated from the server's records (generated/protocol.ts, by ConsoleProtocolTypesTest). Every
 * field the console requires must exist on the server's side, and the frame types must be the same set: a field the
 * server renames or drops fails `tsc` (and so the build) instead of a console that quietly shows nothing.
 */
import type * as Wire from './generated/protocol';
import type {
  AgentState,
  CallFrame,
  CallNotes,
  Consent,
  Disposition,
  Flag,
  Hit,
  Overload,
  Phrase,
  Script,
  ScriptCard,
  ServerFrame,
  StageEntry,
  Transfer,
} from './types';

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];

/** `true` when every required key of the console's type exists on the server's; else names the missing ones. */
export type Covered<Console, Server> = [Exclude<RequiredKeys<Console>, keyof Server>] extends [never]
  ? true
  : { missingOnServer: Exclude<RequiredKeys<Console>, keyof Server> };

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
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
