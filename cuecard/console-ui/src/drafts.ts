import type { CallNotes, NoteStructure } from './types';

/** Notes the agent typed for a call, kept in this browser so that a reload loses nothing. */
export interface Draft {
  text: string;
  /** Epoch milliseconds of the last change. */
  savedAt: number;
  /** The structured note template and its fields (absent in drafts kept before templates existed). */
  structure?: NoteStructure;
}

/** No template chosen, no fields. */
export const NO_STRUCTURE: NoteStructure = { template: null, fields: {} };

function toStructure(value: unknown): NoteStructure | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { template, fields } = value as { template?: unknown; fields?: unknown };
  const clean: Record<string, string> = {};
  if (fields && typeof fields === 'object') {
    for (const [key, field] of Object.entries(fields)) if (typeof field === 'string') clean[key] = field;
  }
  return { template: typeof template === 'string' ? template : null, fields: clean };
}

type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'cuecard.draft.';
/** Drafts older than this are removed at start-up (the server keeps drafts too). */
export const DRAFT_MAX_AGE_MS = 3 * 24 * 60 * 60 * 1000;

function browserStorage(): DraftStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The notes drafts of one browser, by call id. Never throws: a full or disabled storage just keeps nothing. */
export class DraftStore {
  constructor(private readonly storage: DraftStorage | null = browserStorage()) {}

  save(callId: string, text: string, now: number = Date.now(), structure?: NoteStructure): void {
    try {
      this.storage?.setItem(PREFIX + callId, JSON.stringify({ text, savedAt: now, structure } satisfies Draft));
    } catch (error) {
      console.warn('cuecard: could not keep the notes draft in this browser', error);
    }
  }

  load(callId: string): Draft | null {
    try {
      const raw = this.storage?.getItem(PREFIX + callId);
      if (!raw) return null;
      const draft = JSON.parse(raw) as Partial<Draft>;
      if (typeof draft.text !== 'string' || typeof draft.savedAt !== 'number') return null;
      const structure = toStructure(draft.structure);
      return structure ? { text: draft.text, savedAt: draft.savedAt, structure } : { text: draft.text, savedAt: draft.savedAt };
    } catch {
      return null;
    }
  }

  remove(callId: string): void {
    try {
      this.storage?.removeItem(PREFIX + callId);
    } catch {
      // nothing to do
    }
  }

  /** Ids of the calls that have a draft here. */
  callIds(): string[] {
    const ids: string[] = [];
    try {
      const storage = this.storage;
      if (!storage) return ids;
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) ids.push(key.slice(PREFIX.length));
      }
    } catch {
      // nothing readable
    }
    return ids;
  }

  /** Removes drafts last changed before now - maxAge (and unreadable ones). */
  prune(now: number = Date.now(), maxAgeMs: number = DRAFT_MAX_AGE_MS): void {
    for (const callId of this.callIds()) {
      const draft = this.load(callId);
      if (!draft || draft.savedAt < now - maxAgeMs) this.remove(callId);
    }
  }
}

/**
 * The notes text to show when a call opens: the server's final notes always; otherwise the newer of the
 * local draft and the server's draft. Without a server timestamp the local draft wins, since this browser
 * saves it before it sends it.
 */
export function chooseNotes(
  local: Draft | null,
  server: CallNotes | null,
): { text: string; structure: NoteStructure; source: 'local' | 'server' } {
  const serverText = server?.text ?? '';
  const fromServer = {
    text: serverText,
    structure: toStructure({ template: server?.template ?? null, fields: server?.fields ?? {} }) ?? NO_STRUCTURE,
    source: 'server' as const,
  };
  if (server?.final || !local) return fromServer;
  const serverTime = server?.updatedAt ? Date.parse(server.updatedAt) : NaN;
  if (Number.isFinite(serverTime) && serverTime > local.savedAt) return fromServer;
  return { text: local.text, structure: local.structure ?? fromServer.structure, source: 'local' };
}
