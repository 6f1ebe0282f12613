import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftStore, chooseNotes } from './drafts';

/** A Storage in memory, optionally failing every write. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  constructor(private readonly failWrites = false) {}
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

describe('DraftStore', () => {
  let storage: MemoryStorage;
  let drafts: DraftStore;
  beforeEach(() => {
    storage = new MemoryStorage();
    drafts = new DraftStore(storage);
  });

  it('keeps a draft per call', () => {
    drafts.save('a', '客户咨询账单', 1000);
    drafts.save('b', 'other', 2000);
    expect(drafts.load('a')).toEqual({ text: '客户咨询账单', savedAt: 1000 });
    expect(drafts.load('b')?.text).toBe('other');
    expect(drafts.load('c')).toBeNull();
    expect(drafts.callIds().sort()).toEqual(['a', 'b']);
  });

  it('survives a reload (a new store over the same storage)', () => {
    drafts.save('a', 'typed before reload', 1000);
    expect(new DraftStore(storage).load('a')?.text).toBe('typed before reload');
  });

  it('removes a draft', () => {
    drafts.save('a', 'x', 1);
    drafts.remove('a');
    expect(drafts.load('a')).toBeNull();
  });

  it('ignores unreadable entries and other keys', () => {
    storage.setItem('cuecard.draft.bad', '{not json');
    storage.setItem('cuecard.draft.wrong', JSON.stringify({ text: 3 }));
    storage.setItem('cuecard.lang', 'en');
    expect(drafts.load('bad')).toBeNull();
    expect(drafts.load('wrong')).toBeNull();
    expect(drafts.callIds().sort()).toEqual(['bad', 'wrong']);
  });

  it('prunes old and unreadable drafts only', () => {
    const day = 24 * 60 * 60 * 1000;
    drafts.save('old', 'x', 0);
    drafts.save('new', 'y', 10 * day);
    storage.setItem('cuecard.draft.bad', '{');
    drafts.prune(10 * day + 1, 3 * day);
    expect(drafts.callIds()).toEqual(['new']);
    expect(storage.getItem('cuecard.lang')).toBeNull();
  });

  it('does not throw when the storage refuses writes or is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const full = new DraftStore(new MemoryStorage(true));
    expect(() => full.save('a', 'x')).not.toThrow();
    expect(full.load('a')).toBeNull();
    expect(warn).toHaveBeenCalled();
    const none = new DraftStore(null);
    none.save('a', 'x');
    expect(none.load('a')).toBeNull();
    expect(none.callIds()).toEqual([]);
  });
});

describe('chooseNotes', () => {
  const server = (text: string, extra: { final?: boolean; updatedAt?: string } = {}) => ({
    text,
    hits: [],
    disposition: null,
    final: extra.final ?? false,
    updatedAt: extra.updatedAt,
  });

  it('uses the server notes when there is no local draft', () => {
    expect(chooseNotes(null, server('from server'))).toEqual({
      text: 'from server',
      structure: { template: null, fields: {} },
      source: 'server',
    });
    expect(chooseNotes(null, null)).toEqual({ text: '', structure: { template: null, fields: {} }, source: 'server' });
  });

  it('keeps the note template and its fields with the draft, and takes the server\'s when it is newer', () => {
    const structure = { template: 'complaint-quality', fields: { serialNo: 'SN1', plateNo: '' } };
    const storage = new MemoryStorage();
    new DraftStore(storage).save('a', 'with fields', 5, structure);
    const local = new DraftStore(storage).load('a');
    expect(local).toEqual({ text: 'with fields', savedAt: 5, structure });
    expect(chooseNotes(local, server('older')).structure).toEqual(structure);
    const newer = { ...server('srv', { updatedAt: '2026-11-22T10:00:00Z' }), template: 'rescue', fields: { region: '华东' } };
    expect(chooseNotes(local, newer).structure).toEqual({ template: 'rescue', fields: { region: '华东' } });
  });

  it('prefers the local draft when the server gives no time (it was saved here first)', () => {
    expect(chooseNotes({ text: 'local', savedAt: 5 }, server('older')).text).toBe('local');
  });

  it('prefers whichever is newer when the server gives a time', () => {
    const at = Date.parse('2026-11-22T10:00:00Z');
    expect(chooseNotes({ text: 'local', savedAt: at - 1000 }, server('srv', { updatedAt: '2026-11-22T10:00:00Z' })).text).toBe('srv');
    expect(chooseNotes({ text: 'local', savedAt: at + 1000 }, server('srv', { updatedAt: '2026-11-22T10:00:00Z' })).text).toBe('local');
  });

  it('always shows final notes from the server', () => {
    expect(chooseNotes({ text: 'local', savedAt: Date.now() }, server('final', { final: true })).text).toBe('final');
  });
});
