import type { Hit } from './types';

/** A run of the notes text, marked with the hit that covers it (if any). */
export interface Segment {
  start: number;
  end: number;
  text: string;
  hit: Hit | null;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when index sits between the two halves of a surrogate pair. */
function splitsPair(text: string, index: number): boolean {
  return index > 0 && index < text.length && isHigh(text.charCodeAt(index - 1)) && isLow(text.charCodeAt(index));
}

/**
 * Clamps a hit to the text: drops it when it has no usable range, and widens it so that it never
 * cuts a surrogate pair (an emoji or a rare CJK character) in half.
 */
export function clampHit(text: string, hit: Hit): Hit | null {
  if (!Number.isFinite(hit.start) || !Number.isFinite(hit.end)) return null;
  let start = Math.max(0, Math.floor(hit.start));
  let end = Math.min(text.length, Math.ceil(hit.end));
  if (start >= end) return null;
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;
  return start === hit.start && end === hit.end ? hit : { ...hit, start, end };
}

/** Which of two hits covering the same text wins: block beats warn, then the earlier, then the longer. */
function stronger(a: Hit, b: Hit): Hit {
  if (a.severity !== b.severity) return a.severity === 'block' ? a : b;
  if (a.start !== b.start) return a.start < b.start ? a : b;
  return a.end - a.start >= b.end - b.start ? a : b;
}

/**
 * Splits notes text into plain and marked segments. Hits out of range are clamped or dropped; where
 * hits overlap, each piece of text is marked with the strongest hit covering it. The segments cover
 * the whole text, in order, without gaps.
 */
export function segment(text: string, hits: readonly Hit[]): Segment[] {
  const usable = hits.map((hit) => clampHit(text, hit)).filter((hit): hit is Hit => hit !== null);
  const cuts = new Set<number>([0, text.length]);
  for (const hit of usable) {
    cuts.add(hit.start);
    cuts.add(hit.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    let hit: Hit | null = null;
    for (const candidate of usable) {
      if (candidate.start <= start && candidate.end >= end) hit = hit ? stronger(hit, candidate) : candidate;
    }
    const last = segments[segments.length - 1];
    if (last && last.hit === hit) {
      last.end = end;
      last.text = text.slice(last.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), hit });
    }
  }
  return segments;
}

/**
 * The hits that still apply to the current text. Hits belong to the text they were computed for;
 * when the agent has typed on since, keep only hits whose phrase is still at the same place.
 */
export function hitsForText(current: string, hitsText: string | null, hits: readonly Hit[]): Hit[] {
  if (hitsText === current) return [...hits];
  return hits.filter((hit) => current.slice(hit.start, hit.end) === hit.phrase);
}

/** The hits to list under notes: one entry per rule and phrase, with how often it occurs. */
export function distinctHits(hits: readonly Hit[]): { hit: Hit; count: number }[] {
  const byKey = new Map<string, { hit: Hit; count: number }>();
  for (const hit of hits) {
    const key = `${hit.ruleId}\u0000${hit.phrase}`;
    const entry = byKey.get(key);
    if (entry) entry.count++;
    else byKey.set(key, { hit, count: 1 });
  }
  return [...byKey.values()];
}
