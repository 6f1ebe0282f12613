import type { CallFilters } from './types';

/** The call log's filters when nothing is chosen. */
export const NO_FILTERS: CallFilters = { agent: '', direction: '', fromDate: '', toDate: '' };

/** Local midnight starting a calendar day "YYYY-MM-DD", shifted by whole days, as an ISO instant; null if not a date. */
export function dayStart(date: string, plusDays = 0): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const check = new Date(year, month, day);
  // Date rolls 2026-02-31 over into March (and maps years below 100 to 19xx): such input is not a date
  if (check.getFullYear() !== year || check.getMonth() !== month || check.getDate() !== day) return null;
  return new Date(year, month, day + plusDays).toISOString();
}

/** Why the chosen dates cannot be asked for, or null when they can. */
export function dateProblem(filters: CallFilters): 'invalid' | 'reversed' | null {
  const from = filters.fromDate ? dayStart(filters.fromDate) : '';
  const to = filters.toDate ? dayStart(filters.toDate) : '';
  if (from === null || to === null) return 'invalid';
  if (from && to && from > to) return 'reversed';
  return null;
}

/**
 * The query string of GET /api/calls. Only chosen filters are sent. Both dates are whole local days and
 * both are included: `from` is the start of the first day, `to` (exclusive on the server) the start of
 * the day after the last one.
 */
export function callsQuery(filters: CallFilters, page: number, size: number): string {
  const params = new URLSearchParams();
  if (filters.agent) params.set('agent', filters.agent);
  if (filters.direction) params.set('direction', filters.direction);
  const from = filters.fromDate ? dayStart(filters.fromDate) : null;
  const to = filters.toDate ? dayStart(filters.toDate, 1) : null;
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  params.set('page', String(page));
  params.set('size', String(size));
  return params.toString();
}
