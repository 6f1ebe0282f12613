import { describe, expect, it } from 'vitest';
import { NO_FILTERS, callsQuery, dateProblem, dayStart } from './callQuery';

const query = (text: string) => Object.fromEntries(new URLSearchParams(text));
/** Local midnight of a day, the way the browser's time zone sees it. */
const midnight = (year: number, month: number, day: number) => new Date(year, month - 1, day).toISOString();

describe('dayStart', () => {
  it('is local midnight of the day, as an ISO instant', () => {
    expect(dayStart('2026-11-20')).toBe(midnight(2026, 11, 20));
    expect(dayStart('2026-11-20')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('moves by whole days, across month and year ends', () => {
    expect(dayStart('2026-11-30', 1)).toBe(midnight(2026, 12, 1));
    expect(dayStart('2026-12-31', 1)).toBe(midnight(2027, 1, 1));
  });

  it('rejects what is not a calendar day', () => {
    expect(dayStart('2026-02-31')).toBeNull();
    expect(dayStart('2026-13-01')).toBeNull();
    expect(dayStart('0099-01-01')).toBeNull();
    expect(dayStart('20.11.2026')).toBeNull();
    expect(dayStart('')).toBeNull();
  });
});

describe('callsQuery', () => {
  it('sends only paging when nothing is filtered', () => {
    expect(callsQuery(NO_FILTERS, 0, 20)).toBe('page=0&size=20');
  });

  it('sends every chosen filter; the last day is included (to = the next midnight, exclusive on the server)', () => {
    const text = callsQuery({ agent: 'agent1', direction: 'outbound', fromDate: '2026-11-20', toDate: '2026-11-22' }, 3, 50);
    expect(query(text)).toEqual({
      agent: 'agent1',
      direction: 'outbound',
      from: midnight(2026, 11, 20),
      to: midnight(2026, 11, 23),
      page: '3',
      size: '50',
    });
  });

  it('escapes user names', () => {
    expect(callsQuery({ ...NO_FILTERS, agent: 'a&b=c' }, 0, 20)).toBe('agent=a%26b%3Dc&page=0&size=20');
  });
});

describe('dateProblem', () => {
  it('accepts empty, single and ordered dates, including one single day', () => {
    expect(dateProblem(NO_FILTERS)).toBeNull();
    expect(dateProblem({ ...NO_FILTERS, fromDate: '2026-11-20' })).toBeNull();
    expect(dateProblem({ ...NO_FILTERS, fromDate: '2026-11-20', toDate: '2026-11-20' })).toBeNull();
  });

  it('reports an unreadable date and an end before the start', () => {
    expect(dateProblem({ ...NO_FILTERS, toDate: '2026-02-30' })).toBe('invalid');
    expect(dateProblem({ ...NO_FILTERS, fromDate: '2026-11-21', toDate: '2026-11-20' })).toBe('reversed');
  });
});
