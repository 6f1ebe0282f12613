package io.cuecard.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Finds a script's forbidden phrases in a text (an agent's note, later a transcript).
 *
 * <p>Text and phrases are compared as {@link FoldedText}: NFKC, case folding, Traditional → Simplified, with
 * spaces and punctuation dropped, so ＯＫ, O.K. and ok are the same, 說話 matches 说话 and 我 不 知 道 matches
 * 我不知道. One Aho–Corasick pass finds every occurrence of every phrase, so the scan grows with the text
 * length, not with the number of phrases; sorting out allow lists and overlaps costs O(h log h) in the number h
 * of occurrences.
 * Then:
 * <ul>
 *   <li>a {@code wholeUtteranceOnly} phrase (every single character) counts only as an utterance of its own:
 *       between punctuation, text ends, or spaces next to a non-Latin character (喂 in "喂,您好", not in 喂养;
 *       讲 alone, not in 请讲);</li>
 *   <li>a phrase that starts or ends with a Latin letter or digit counts only as whole words (OK in "OK了" and
 *       "O.K.", not in "book");</li>
 *   <li>a phrase written with a final question mark (嗯?, 什么?) counts only when a question mark follows it;</li>
 *   <li>a rule with {@code minRepeat} ≥ 2 counts only for a run of that many repetitions (喂,喂,喂 / 喂喂喂), and
 *       the hit spans the run;</li>
 *   <li>an occurrence inside an occurrence of one of its rule's {@code allow} phrases does not count;</li>
 *   <li>words quoted from the customer do not count: inside 「」, 『』, “” or "" (straight or full-width), and after
 *       a customer-quote marker (客户说, 客户称 by default; not in 客户说明, 客户说话 and the like) up to the end of
 *       that sentence;</li>
 *   <li>of overlapping hits the longest is kept, and of equally long ones the leftmost.</li>
 * </ul>
 * Offsets of {@link Hit}s are UTF-16 code units of the original text. Immutable, so safe to share between threads.
 */
public final class ForbiddenPhraseMatcher {

    /** The customer-quote markers used when a script names none. */
    public static final List<String> DEFAULT_QUOTE_MARKERS = List.of("客户说", "客户称");

    /** Words that contain a quote marker but quote nobody: 向客户说明 (explained to the customer), 客户说话声音小. */
    static final List<String> NOT_QUOTE_MARKERS = List.of("客户说明", "客户说话", "客户说服", "客户称呼", "客户称赞");

    /**
     * One forbidden phrase found in a text: {@code [start, end)} in UTF-16 code units of the original text,
     * the rule's {@code phrase}, its id, severity, the standard phrase to use instead (variables unfilled) and the
     * situation row of the source table.
     */
    public record Hit(int start, int end, String phrase, String ruleId, Severity severity, String suggestion,
                      int row) {
    }

    private enum Kind { RULE, ALLOWED, QUOTE_MARKER, NOT_QUOTE_MARKER }

    /** What one automaton pattern stands for; one pattern may stand for several entries (喂 alone and repeated). */
    private record Entry(Kind kind, int ruleIndex, boolean wholeUtterance, boolean latinStart, boolean latinEnd,
                         int repeatSlot, boolean question) {
    }

    private final List<ForbiddenRule> rules;
    private final List<String> quoteMarkers;
    private final Entry[][] entriesByPattern;
    private final int repeatSlots;
    private final PhraseAutomaton automaton;

    private ForbiddenPhraseMatcher(List<ForbiddenRule> rules, List<String> quoteMarkers) {
        this.rules = List.copyOf(rules);
        this.quoteMarkers = List.copyOf(quoteMarkers);
        Map<String, Integer> patternIndex = new HashMap<>();
        List<String> patterns = new ArrayList<>();
        List<List<Entry>> entries = new ArrayList<>();
        Map<String, String> ruleByKey = new HashMap<>();
        int slots = 0;
        for (int r = 0; r < this.rules.size(); r++) {
            ForbiddenRule rule = this.rules.get(r);
            String phrase = FoldedText.of(rule.phrase()).folded();
            if (phrase.isEmpty()) {
                throw new IllegalArgumentException("rule " + rule.id() + " has no letters in its phrase");
            }
            String earlier = ruleByKey.putIfAbsent(phrase + "×" + rule.minRepeat(), rule.id());
            if (earlier != null) {
                throw new IllegalArgumentException("rule " + rule.id() + " repeats the phrase of rule " + earlier);
            }
            boolean wholeUtterance = rule.wholeUtteranceOnly() || phrase.length() == 1;
            int slot = rule.repeated() ? slots++ : -1;
            boolean question = FoldedText.endsWithQuestionMark(rule.phrase());
            add(patternIndex, patterns, entries, phrase, entry(Kind.RULE, r, wholeUtterance, phrase, slot, question));
            for (String allowed : rule.allow()) {
                String folded = FoldedText.of(allowed).folded();
                if (!folded.contains(phrase) || folded.equals(phrase)) {
                    throw new IllegalArgumentException("allow-listed '" + allowed + "' of rule " + rule.id()
                            + " must be longer than and contain the rule's phrase");
                }
                add(patternIndex, patterns, entries, folded, entry(Kind.ALLOWED, r, false, folded, -1, false));
            }
        }
        for (String marker : this.quoteMarkers) {
            String folded = FoldedText.of(marker).folded();
            if (folded.isEmpty()) {
                throw new IllegalArgumentException("customer-quote marker '" + marker + "' has no letters");
            }
            add(patternIndex, patterns, entries, folded, entry(Kind.QUOTE_MARKER, -1, false, folded, -1, false));
            for (String word : NOT_QUOTE_MARKERS) {
                String foldedWord = FoldedText.of(word).folded();
                if (foldedWord.contains(folded) && !foldedWord.equals(folded)) {
                    add(patternIndex, patterns, entries, foldedWord,
                            entry(Kind.NOT_QUOTE_MARKER, -1, false, foldedWord, -1, false));
                }
            }
        }
        this.entriesByPattern = entries.stream().map(list -> list.toArray(new Entry[0])).toArray(Entry[][]::new);
        this.repeatSlots = slots;
        this.automaton = new PhraseAutomaton(patterns);
    }

    private static void add(Map<String, Integer> patternIndex, List<String> patterns, List<List<Entry>> entries,
                            String folded, Entry entry) {
        Integer index = patternIndex.get(folded);
        if (index == null) {
            index = patterns.size();
            patternIndex.put(folded, index);
            patterns.add(folded);
            entries.add(new ArrayList<>());
        }
        entries.get(index).add(entry);
    }

    private static Entry entry(Kind kind, int ruleIndex, boolean wholeUtterance, String folded, int slot,
                               boolean question) {
        return new Entry(kind, ruleIndex, wholeUtterance, FoldedText.isLatinWordChar(folded.charAt(0)),
                FoldedText.isLatinWordChar(folded.charAt(folded.length() - 1)), slot, question);
    }

    /** A matcher for the script's forbidden rules and customer-quote markers. */
    public static ForbiddenPhraseMatcher of(Script script) {
        return new ForbiddenPhraseMatcher(script.rules(), script.customerQuoteMarkers());
    }

    /**
     * A matcher for these rules, with the {@link #DEFAULT_QUOTE_MARKERS}.
     *
     * @throws IllegalArgumentException if two rules have the same phrase (after folding) and repetition, or an
     *                                  allow-listed phrase is not longer than and does not contain its rule's phrase
     */
    public static ForbiddenPhraseMatcher of(List<ForbiddenRule> rules) {
        return new ForbiddenPhraseMatcher(rules, DEFAULT_QUOTE_MARKERS);
    }

    /** A matcher for these rules and customer-quote markers (see {@link #of(List)}). */
    public static ForbiddenPhraseMatcher of(List<ForbiddenRule> rules, List<String> quoteMarkers) {
        return new ForbiddenPhraseMatcher(rules, quoteMarkers);
    }

    /** The rules this matcher was built from. */
    public List<ForbiddenRule> rules() {
        return rules;
    }

    /** The forbidden phrases in {@code text}, ordered by start offset, never overlapping. */
    public List<Hit> find(String text) {
        Objects.requireNonNull(text, "text");
        FoldedText folded = FoldedText.of(text);
        Scan scan = new Scan(folded);
        automaton.scan(folded.chars(), folded.length(), scan);
        scan.flushRuns();
        if (scan.candidates.size == 0) {
            return List.of();
        }
        boolean[] quoted = quotedByCustomer(text, folded, scan.markers, scan.notMarkers);
        Ints counted = scan.candidates;
        if (quoted != null) {
            counted = outsideQuotes(counted, folded, quoted);
        }
        if (scan.allowed.size > 0) {
            counted = withoutAllowed(counted, scan.allowed, rules.size());
        }
        List<Hit> hits = new ArrayList<>();
        for (int[] span : select(counted)) {
            ForbiddenRule rule = rules.get(span[2]);
            hits.add(new Hit(folded.originalStart(span[0]), folded.originalEnd(span[1]), rule.phrase(), rule.id(),
                    rule.severity(), rule.suggestion().text(), rule.row()));
        }
        return hits;
    }

    /**
     * Collects, from the automaton's occurrences, the candidates that pass the boundary rules, the runs of repeated
     * phrases, the allow-listed spans and the quote markers.
     */
    private final class Scan implements PhraseAutomaton.Occurrences {
        final FoldedText text;
        final Ints candidates = new Ints();
        final Ints allowed = new Ints();
        final Ints markers = new Ints();
        final Ints notMarkers = new Ints();
        /** Per repeat slot: run start, run end, count, rule index. */
        final int[] runs;
        /** Per repeat slot: whether the current run starts on a word boundary (for Latin phrases). */
        final boolean[] wordStartOk;

        Scan(FoldedText text) {
            this.text = text;
            this.runs = repeatSlots == 0 ? null : new int[repeatSlots * 4];
            this.wordStartOk = new boolean[repeatSlots];
        }

        @Override
        public void found(int pattern, int start, int end) {
            for (Entry entry : entriesByPattern[pattern]) {
                switch (entry.kind()) {
                    case QUOTE_MARKER -> markers.add(start, end, 0);
                    case NOT_QUOTE_MARKER -> notMarkers.add(start, end, 0);
                    case ALLOWED -> allowed.add(start, end, entry.ruleIndex());
                    case RULE -> {
                        if (entry.repeatSlot() >= 0) {
                            extendRun(entry, start, end);
                        } else if (boundariesHold(entry, text, start, end)) {
                            candidates.add(start, end, entry.ruleIndex());
                        }
                    }
                }
            }
        }

        private void extendRun(Entry entry, int start, int end) {
            int at = entry.repeatSlot() * 4;
            if (runs[at + 2] > 0 && runs[at + 1] == start) {
                runs[at + 1] = end;
                runs[at + 2]++;
                return;
            }
            flush(at);
            runs[at] = start;
            runs[at + 1] = end;
            runs[at + 2] = 1;
            runs[at + 3] = entry.ruleIndex();
            wordStartOk[entry.repeatSlot()] = !entry.latinStart() || wordBoundary(text, start);
        }

        private void flush(int at) {
            int count = runs[at + 2];
            if (count == 0) {
                return;
            }
            ForbiddenRule rule = rules.get(runs[at + 3]);
            boolean wordEndOk = !FoldedText.isLatinWordChar(text.charAt(runs[at + 1] - 1)) || wordBoundary(text, runs[at + 1]);
            if (count >= rule.minRepeat() && wordStartOk[at / 4] && wordEndOk) {
                candidates.add(runs[at], runs[at + 1], runs[at + 3]);
            }
            runs[at + 2] = 0;
        }

        void flushRuns() {
            for (int slot = 0; slot < repeatSlots; slot++) {
                flush(slot * 4);
            }
        }
    }

    private static boolean boundariesHold(Entry entry, FoldedText text, int start, int end) {
        if (entry.wholeUtterance() && (!utteranceBoundary(text, start) || !utteranceBoundary(text, end))) {
            return false;
        }
        if (entry.question() && (text.gapBefore(end) & FoldedText.QUESTION) == 0) {
            return false;
        }
        return !(entry.latinStart() && !wordBoundary(text, start)) && !(entry.latinEnd() && !wordBoundary(text, end));
    }

    /** Between two words: text end, a dropped separator, or a non-Latin char on either side. */
    private static boolean wordBoundary(FoldedText text, int position) {
        return position == 0 || position == text.length() || text.gapBefore(position) != 0
                || !FoldedText.isLatinWordChar(text.charAt(position - 1))
                || !FoldedText.isLatinWordChar(text.charAt(position));
    }

    /** Between two utterances: text end, punctuation, or a space that does not just separate two Latin words. */
    private static boolean utteranceBoundary(FoldedText text, int position) {
        if (position == 0 || position == text.length()) {
            return true;
        }
        int gap = text.gapBefore(position);
        if ((gap & FoldedText.PUNCTUATION) != 0) {
            return true;
        }
        return (gap & FoldedText.SPACE) != 0 && !(FoldedText.isLatinWordChar(text.charAt(position - 1))
                && FoldedText.isLatinWordChar(text.charAt(position)));
    }

    /**
     * Which chars of the original text the customer said: inside quotation marks, or after a quote marker up to
     * the end of the sentence. {@code null} when there are none. One pass over the text.
     */
    private static boolean[] quotedByCustomer(String text, FoldedText folded, Ints markers, Ints notMarkers) {
        boolean[] quoted = null;
        int n = text.length();
        boolean[] unclosed = new boolean[4];
        for (int i = 0; i < n; i++) {
            int type = openingQuote(text.charAt(i));
            if (type < 0 || unclosed[type]) {
                continue;
            }
            int close = closingQuote(text, i + 1, type);
            if (close < 0) {
                unclosed[type] = true;
                continue;
            }
            if (quoted == null) {
                quoted = new boolean[n];
            }
            Arrays.fill(quoted, i, close + 1, true);
            i = close;
        }
        int scannedUpTo = 0;
        Map<Integer, Integer> notMarkerEnds = new HashMap<>();
        for (int k = 0; k < notMarkers.size; k += 3) {
            notMarkerEnds.merge(notMarkers.data[k], notMarkers.data[k + 1], Math::max);
        }
        for (int m = 0; m < markers.size; m += 3) {
            if (notMarkerEnds.getOrDefault(markers.data[m], -1) > markers.data[m + 1]) {
                continue; // 客户说明: the marker is the start of a longer word
            }
            int from = folded.originalEnd(markers.data[m + 1]);
            if (from < scannedUpTo) {
                continue;
            }
            int to = from;
            while (to < n && !endsSentence(text, to)) {
                to++;
            }
            if (to > from) {
                if (quoted == null) {
                    quoted = new boolean[n];
                }
                Arrays.fill(quoted, from, to, true);
            }
            scannedUpTo = to;
        }
        return quoted;
    }

    /** 0 “”, 1 「」, 2 『』, 3 straight or full-width "; -1 for any other char. */
    private static int openingQuote(char c) {
        return switch (c) {
            case '\u201C' -> 0;
            case '「' -> 1;
            case '『' -> 2;
            case '"', '\uFF02' -> 3;
            default -> -1;
        };
    }

    private static int closingQuote(String text, int from, int type) {
        for (int j = from; j < text.length(); j++) {
            char c = text.charAt(j);
            boolean closes = switch (type) {
                case 0 -> c == '\u201D';
                case 1 -> c == '」';
                case 2 -> c == '』';
                default -> c == '"' || c == '\uFF02';
            };
            if (closes) {
                return j;
            }
        }
        return -1;
    }

    private static boolean endsSentence(String text, int i) {
        char c = text.charAt(i);
        return switch (c) {
            case '。', '！', '？', '!', '?', '；', ';', '\n', '\r', '｡' -> true;
            case '.', '．' -> i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1));
            default -> false;
        };
    }

    private static Ints outsideQuotes(Ints candidates, FoldedText folded, boolean[] quoted) {
        int[] quotedBefore = new int[quoted.length + 1];
        for (int i = 0; i < quoted.length; i++) {
            quotedBefore[i + 1] = quotedBefore[i] + (quoted[i] ? 1 : 0);
        }
        Ints kept = new Ints();
        for (int k = 0; k < candidates.size; k += 3) {
            int start = folded.originalStart(candidates.data[k]);
            int end = folded.originalEnd(candidates.data[k + 1]);
            if (quotedBefore[end] == quotedBefore[start]) {
                kept.add(candidates.data[k], candidates.data[k + 1], candidates.data[k + 2]);
            }
        }
        return kept;
    }

    /** Drops candidates lying inside an allow-listed span of their own rule (one sweep in start order). */
    private static Ints withoutAllowed(Ints candidates, Ints allowed, int ruleCount) {
        List<int[]> ordered = triples(candidates);
        ordered.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> allowedSpans = triples(allowed);
        allowedSpans.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] allowedUntil = new int[ruleCount];
        Arrays.fill(allowedUntil, -1);
        Ints kept = new Ints();
        int next = 0;
        for (int[] candidate : ordered) {
            while (next < allowedSpans.size() && allowedSpans.get(next)[0] <= candidate[0]) {
                int[] span = allowedSpans.get(next++);
                allowedUntil[span[2]] = Math.max(allowedUntil[span[2]], span[1]);
            }
            if (allowedUntil[candidate[2]] < candidate[1]) {
                kept.add(candidate[0], candidate[1], candidate[2]);
            }
        }
        return kept;
    }

    private static List<int[]> triples(Ints values) {
        List<int[]> triples = new ArrayList<>(values.size / 3);
        for (int k = 0; k < values.size; k += 3) {
            triples.add(new int[] {values.data[k], values.data[k + 1], values.data[k + 2]});
        }
        return triples;
    }

    /** Longest first, then leftmost; a candidate overlapping an already kept hit is dropped. */
    private static List<int[]> select(Ints candidates) {
        List<int[]> ordered = triples(candidates);
        ordered.sort((a, b) -> a[1] - a[0] != b[1] - b[0] ? (b[1] - b[0]) - (a[1] - a[0]) : a[0] - b[0]);
        TreeMap<Integer, int[]> kept = new TreeMap<>();
        for (int[] span : ordered) {
            Map.Entry<Integer, int[]> before = kept.floorEntry(span[0]);
            Map.Entry<Integer, int[]> after = kept.ceilingEntry(span[0]);
            boolean overlaps = (before != null && before.getValue()[1] > span[0])
                    || (after != null && after.getKey() < span[1]);
            if (!overlaps) {
                kept.put(span[0], span);
            }
        }
        return new ArrayList<>(kept.values());
    }

    /** A growable int array of (start, end, rule index) triples. */
    private static final class Ints {
        int[] data = new int[12];
        int size;

        void add(int a, int b, int c) {
            grow(3);
            data[size++] = a;
            data[size++] = b;
            data[size++] = c;
        }

        private void grow(int by) {
            if (size + by > data.length) {
                data = Arrays.copyOf(data, data.length * 2 + by);
            }
        }
    }
}
