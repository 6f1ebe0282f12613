import type { Lang } from './types';

/** "m:ss" (or "h:mm:ss" from an hour on); "—" when unknown. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Whole seconds from an ISO instant to now (or to an end instant); null if the start is unknown. */
export function secondsBetween(fromIso: string | null | undefined, toMs: number): number | null {
  if (!fromIso) return null;
  const from = Date.parse(fromIso);
  if (!Number.isFinite(from)) return null;
  return Math.max(0, Math.floor((toMs - from) / 1000));
}

/** A call's start time for lists: the time of day, with the date when it was not today. */
export function formatCallTime(iso: string | null | undefined, lang: Lang, now: Date = new Date()): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  const time = at.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString(lang, { month: 'numeric', day: 'numeric' })} ${time}`;
}

/** A full local date and time to the second, e.g. "2026/11/22 10:00:05"; "—" when unknown. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return at.toLocaleString(lang, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
}

/** The local time of day to the millisecond, e.g. "10:00:05.120", for ordering events; "—" when unknown. */
export function formatTimeOfDay(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return at.toLocaleTimeString(lang, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    fractionalSecondDigits: 3,
    hourCycle: 'h23',
  });
}

/** The local time of day to the second, e.g. "10:00:05", for what an agent reads; "—" when unknown. */
export function formatClockTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '—';
  return at.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** "zh-CN" when the text contains Chinese characters (so the browser picks Chinese glyphs), else undefined. */
export function textLang(text: string): string | undefined {
  return /[\u3400-\u9fff]/.test(text) ? 'zh-CN' : undefined;
}
