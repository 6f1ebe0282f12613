package io.cuecard.script;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Finds a script's forbidden phrases in a text (an agent's note, later a transcript).
 *
 * <p>Matching is done on a folded copy of the text (NFKC per code point, case-folded), so ＯＫ, ok and OK are
 * the same, and 喂，喂，喂 matches 喂,喂,喂. One Aho–Corasick pass finds every occurrence of every phrase, so the
 * scan grows with the text length, not with the number of phrases; sorting out overlaps costs
 * O(h log h) in the number h of raw occurrences. Then:
 * <ul>
 *   <li>a {@code wholeUtteranceOnly} phrase counts only between punctuation, spaces, symbols or text ends
 *       (喂 in "喂,您好" or "喂?", not in 喂养; 讲 alone, not in 请讲); single-character phrases are always so;</li>
 *   <li>a phrase that starts or ends with a Latin letter or digit counts only as whole words (OK in "OK了",
 *       not in "book");</li>
 *   <li>an occurrence inside an occurrence of one of its rule's {@code allow} phrases does not count;</li>
 *   <li>of overlapping hits the longest is kept, and of equally long ones the leftmost.</li>
 * </ul>
 * Offsets of {@link Hit}s are UTF-16 code units of the original text. Immutable, so safe to share between threads.
 */
public final class ForbiddenPhraseMatcher {

    /**
     * One forbidden phrase found in a text: {@code [start, end)} in UTF-16 code units of the original text,
     * the rule's {@code phrase}, its id, severity and the standard phrase to use instead (variables unfilled).
     */
    public record Hit(int start, int end, String phrase, String ruleId, Severity severity, String suggestion) {
    }

    /** A pattern of the automaton: a rule's phrase, or one of its allow-listed phrases. */
    private record PhraseEntry(ForbiddenRule rule, boolean allowed, boolean wholeUtterance,
                               boolean latinStart, boolean latinEnd) {
    }

    private final List<ForbiddenRule> rules;
    private final PhraseEntry[] entries;
    private final PhraseAutomaton automaton;

    private ForbiddenPhraseMatcher(List<ForbiddenRule> rules) {
        this.rules = List.copyOf(rules);
        List<String> patterns = new ArrayList<>();
        List<PhraseEntry> entryList = new ArrayList<>();
        Map<String, String> ruleByPhrase = new HashMap<>();
        for (ForbiddenRule rule : this.rules) {
            String phrase = FoldedText.of(rule.phrase()).folded();
            if (phrase.isBlank()) {
                throw new IllegalArgumentException("rule " + rule.id() + " has a blank phrase");
            }
            String earlier = ruleByPhrase.putIfAbsent(phrase, rule.id());
            if (earlier != null) {
                throw new IllegalArgumentException("rule " + rule.id() + " repeats the phrase of rule " + earlier);
            }
            boolean wholeUtterance = rule.wholeUtteranceOnly() || phrase.codePointCount(0, phrase.length()) == 1;
            patterns.add(phrase);
            entryList.add(entry(rule, false, wholeUtterance, phrase));
            for (String allowed : rule.allow()) {
                String folded = FoldedText.of(allowed).folded();
                if (!folded.contains(phrase) || folded.equals(phrase)) {
                    throw new IllegalArgumentException("allow-listed '" + allowed + "' of rule " + rule.id()
                            + " must be longer than and contain the rule's phrase");
                }
                patterns.add(folded);
                entryList.add(entry(rule, true, false, folded));
            }
        }
        this.entries = entryList.toArray(new PhraseEntry[0]);
        this.automaton = new PhraseAutomaton(patterns);
    }

    /** A matcher for the script's forbidden rules. */
    public static ForbiddenPhraseMatcher of(Script script) {
        return new ForbiddenPhraseMatcher(script.rules());
    }

    /**
     * A matcher for these rules.
     *
     * @throws IllegalArgumentException if two rules have the same phrase (after folding), or an allow-listed
     *                                  phrase is not longer than and does not contain its rule's phrase
     */
    public static ForbiddenPhraseMatcher of(List<ForbiddenRule> rules) {
        return new ForbiddenPhraseMatcher(rules);
    }

    /** The rules this matcher was built from. */
    public List<ForbiddenRule> rules() {
        return rules;
    }

    /** The forbidden phrases in {@code text}, ordered by start offset, never overlapping. */
    public List<Hit> find(String text) {
        Objects.requireNonNull(text, "text");
        FoldedText folded = FoldedText.of(text);
        String scanned = folded.folded();
        List<int[]> candidates = new ArrayList<>();
        List<int[]> allowedSpans = new ArrayList<>();
        automaton.scan(scanned, (pattern, start, end) -> {
            PhraseEntry entry = entries[pattern];
            if (!wordBoundaries(entry, scanned, start, end)) {
                return;
            }
            (entry.allowed() ? allowedSpans : candidates).add(new int[] {start, end, pattern});
        });
        if (candidates.isEmpty()) {
            return List.of();
        }
        List<int[]> counted = allowedSpans.isEmpty() ? candidates : withoutAllowed(candidates, allowedSpans);
        return select(counted).stream().map(span -> hit(folded, span)).toList();
    }

    private Hit hit(FoldedText folded, int[] span) {
        ForbiddenRule rule = entries[span[2]].rule();
        return new Hit(folded.originalStart(span[0]), folded.originalEnd(span[1]), rule.phrase(), rule.id(),
                rule.severity(), rule.suggestion().text());
    }

    /** Drops candidates lying inside an allow-listed span of their own rule (one sweep in start order). */
    private List<int[]> withoutAllowed(List<int[]> candidates, List<int[]> allowedSpans) {
        Comparator<int[]> byStart = Comparator.comparingInt(span -> span[0]);
        List<int[]> ordered = new ArrayList<>(candidates);
        ordered.sort(byStart);
        List<int[]> allowed = new ArrayList<>(allowedSpans);
        allowed.sort(byStart);
        Map<ForbiddenRule, Integer> allowedUntil = new IdentityHashMap<>();
        List<int[]> kept = new ArrayList<>(ordered.size());
        int next = 0;
        for (int[] candidate : ordered) {
            while (next < allowed.size() && allowed.get(next)[0] <= candidate[0]) {
                int[] span = allowed.get(next++);
                allowedUntil.merge(entries[span[2]].rule(), span[1], Math::max);
            }
            if (allowedUntil.getOrDefault(entries[candidate[2]].rule(), -1) < candidate[1]) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Longest first, then leftmost; a candidate overlapping an already kept hit is dropped. */
    private static List<int[]> select(List<int[]> candidates) {
        List<int[]> ordered = new ArrayList<>(candidates);
        ordered.sort(Comparator.<int[]>comparingInt(span -> span[0] - span[1]).thenComparingInt(span -> span[0]));
        TreeMap<Integer, int[]> kept = new TreeMap<>();
        for (int[] span : ordered) {
            Entry<Integer, int[]> before = kept.floorEntry(span[0]);
            Entry<Integer, int[]> after = kept.ceilingEntry(span[0]);
            boolean overlaps = (before != null && before.getValue()[1] > span[0])
                    || (after != null && after.getKey() < span[1]);
            if (!overlaps) {
                kept.put(span[0], span);
            }
        }
        return new ArrayList<>(kept.values());
    }

    private static PhraseEntry entry(ForbiddenRule rule, boolean allowed, boolean wholeUtterance, String folded) {
        return new PhraseEntry(rule, allowed, wholeUtterance,
                isLatinWordChar(folded.codePointAt(0)),
                isLatinWordChar(folded.codePointBefore(folded.length())));
    }

    private static boolean wordBoundaries(PhraseEntry entry, String text, int start, int end) {
        int before = start == 0 ? -1 : text.codePointBefore(start);
        int after = end == text.length() ? -1 : text.codePointAt(end);
        if (entry.wholeUtterance()) {
            int first = text.codePointAt(start);
            int last = text.codePointBefore(end);
            if ((!isUtteranceBoundary(first) && !isUtteranceBoundary(before))
                    || (!isUtteranceBoundary(last) && !isUtteranceBoundary(after))) {
                return false;
            }
        }
        return !(entry.latinStart() && isLatinWordChar(before)) && !(entry.latinEnd() && isLatinWordChar(after));
    }

    /** Text end (-1), punctuation, space or symbol: anything that is neither a letter, a digit nor a mark. */
    private static boolean isUtteranceBoundary(int codePoint) {
        if (codePoint < 0) {
            return true;
        }
        int type = Character.getType(codePoint);
        return !Character.isLetterOrDigit(codePoint) && type != Character.NON_SPACING_MARK
                && type != Character.COMBINING_SPACING_MARK && type != Character.ENCLOSING_MARK;
    }

    private static boolean isLatinWordChar(int codePoint) {
        return codePoint >= 0 && (Character.isDigit(codePoint)
                || (Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN));
    }
}
