import { describe, expect, it } from 'vitest';
import { REST_CHECKS, WIRE_CHECKS } from './wireCheck';

describe('wire types', () => {
  it('are checked against the server frames when the console is compiled', () => {
    // the check itself is tsc's (wireCheck.ts fails to compile when a field the console needs is gone)
    expect(WIRE_CHECKS.every((ok) => ok === true)).toBe(true);
  });

  it('are checked against the server REST answers when the console is compiled', () => {
    expect(REST_CHECKS.every((ok) => ok === true)).toBe(true);
  });
});
