import { describe, expect, it } from 'vitest';
import { clampHit, hitsForText, segment, type Segment } from './highlight';
import { hit } from './test/fixtures';

const marked = (segments: Segment[]) => segments.map((s) => [s.text, s.hit?.phrase ?? null]);

/** The segments must tile the text exactly. */
function expectTiles(text: string, segments: Segment[]) {
  expect(segments.map((s) => s.text).join('')).toBe(text);
  segments.forEach((s, i) => {
    expect(s.text).toBe(text.slice(s.start, s.end));
    if (i > 0) expect(s.start).toBe(segments[i - 1].end);
  });
}

describe('segment', () => {
  it('returns the plain text when there are no hits', () => {
    expect(marked(segment('你好', []))).toEqual([['你好', null]]);
    expect(segment('', [])).toEqual([]);
  });

  it('marks a hit in the middle', () => {
    const text = '客户说喂，然后挂了';
    const segments = segment(text, [hit(3, 4, '喂')]);
    expect(marked(segments)).toEqual([
      ['客户说', null],
      ['喂', '喂'],
      ['，然后挂了', null],
    ]);
    expectTiles(text, segments);
  });

  it('marks hits at the very start and end', () => {
    const text = '喂不知道';
    expect(marked(segment(text, [hit(0, 1, '喂'), hit(1, 4, '不知道', 'warn')]))).toEqual([
      ['喂', '喂'],
      ['不知道', '不知道'],
    ]);
  });

  it('lets a block hit win over an overlapping warn hit, and keeps the rest of the warn hit', () => {
    const text = 'abcdef';
    const warn = hit(1, 4, 'bcd', 'warn');
    const block = hit(3, 5, 'de', 'block');
    const segments = segment(text, [warn, block]);
    expect(marked(segments)).toEqual([
      ['a', null],
      ['bc', 'bcd'],
      ['de', 'de'],
      ['f', null],
    ]);
    expectTiles(text, segments);
  });

  it('with overlapping hits of the same severity prefers the earlier one', () => {
    const segments = segment('abcdef', [hit(2, 5, 'cde'), hit(1, 3, 'bc')]);
    expect(marked(segments)).toEqual([
      ['a', null],
      ['bc', 'bc'],
      ['de', 'cde'],
      ['f', null],
    ]);
  });

  it('merges a hit contained in a stronger one', () => {
    const segments = segment('abcdef', [hit(1, 5, 'bcde'), hit(2, 3, 'c', 'warn')]);
    expect(marked(segments)).toEqual([
      ['a', null],
      ['bcde', 'bcde'],
      ['f', null],
    ]);
  });

  it('clamps hits that run past the text and drops empty, reversed and nonsense ones', () => {
    const text = 'abc';
    const segments = segment(text, [
      hit(2, 10, 'c…'),
      hit(-3, 1, '…a'),
      hit(5, 9, 'gone'),
      hit(2, 2, 'empty'),
      hit(2, 1, 'reversed'),
      hit(Number.NaN, 2, 'nan'),
    ]);
    expect(marked(segments)).toEqual([
      ['a', '…a'],
      ['b', null],
      ['c', 'c…'],
    ]);
    expectTiles(text, segments);
  });

  it('never cuts a surrogate pair in half', () => {
    const text = 'a😀b𠮷c'; // 😀 and 𠮷 take two UTF-16 code units each
    expect(text.length).toBe(7);
    // a hit ending inside 😀 (indices 1..3) and one starting inside 𠮷 (indices 4..6)
    const segments = segment(text, [hit(0, 2, 'a😀'), hit(5, 7, '𠮷c')]);
    expect(marked(segments)).toEqual([
      ['a😀', 'a😀'],
      ['b', null],
      ['𠮷c', '𠮷c'],
    ]);
    expectTiles(text, segments);
  });

  it('uses UTF-16 indices as given for text after a surrogate pair', () => {
    const text = '😀喂';
    expect(marked(segment(text, [hit(2, 3, '喂')]))).toEqual([
      ['😀', null],
      ['喂', '喂'],
    ]);
  });
});

describe('clampHit', () => {
  it('returns the same hit when it fits', () => {
    const h = hit(0, 1, 'a');
    expect(clampHit('abc', h)).toBe(h);
  });
});

describe('hitsForText', () => {
  it('keeps all hits for the text they were found in', () => {
    const hits = [hit(0, 1, '喂')];
    expect(hitsForText('喂你好', '喂你好', hits)).toEqual(hits);
  });

  it('after further typing keeps only hits whose phrase is still in place', () => {
    const stays = hit(0, 1, '喂');
    const moved = hit(3, 6, '不知道');
    expect(hitsForText('喂你好呀不知道', '喂你好不知道', [stays, moved])).toEqual([stays]);
  });
});
