package io.cuecard.script;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Aho–Corasick automaton over UTF-16 chars: finds every occurrence of every pattern in one pass over a text,
 * in time linear in the text length plus the number of occurrences, whatever the number of patterns.
 * Immutable once built, so one automaton may scan many texts at once.
 */
final class PhraseAutomaton {

    /** Receives each occurrence: pattern index and its [start, end) range in the scanned text. */
    interface Occurrences {
        void found(int pattern, int start, int end);
    }

    private final char[][] keys;
    private final int[][] targets;
    private final int[] failure;
    private final int[][] outputs;
    private final int[] patternLengths;
    /** The root's transitions for every char (-1 = none): most chars of a text are read at the root. */
    private final int[] rootNext = new int[0x10000];

    PhraseAutomaton(List<String> patterns) {
        List<TreeMap<Character, Integer>> edges = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        edges.add(new TreeMap<>());
        ends.add(new ArrayList<>());
        patternLengths = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String pattern = patterns.get(p);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("empty pattern at index " + p);
            }
            patternLengths[p] = pattern.length();
            int state = 0;
            for (int i = 0; i < pattern.length(); i++) {
                Integer next = edges.get(state).get(pattern.charAt(i));
                if (next == null) {
                    next = edges.size();
                    edges.add(new TreeMap<>());
                    ends.add(new ArrayList<>());
                    edges.get(state).put(pattern.charAt(i), next);
                }
                state = next;
            }
            ends.get(state).add(p);
        }
        int states = edges.size();
        keys = new char[states][];
        targets = new int[states][];
        for (int s = 0; s < states; s++) {
            TreeMap<Character, Integer> out = edges.get(s);
            keys[s] = new char[out.size()];
            targets[s] = new int[out.size()];
            int k = 0;
            for (Map.Entry<Character, Integer> edge : out.entrySet()) {
                keys[s][k] = edge.getKey();
                targets[s][k++] = edge.getValue();
            }
        }
        Arrays.fill(rootNext, -1);
        for (int k = 0; k < keys[0].length; k++) {
            rootNext[keys[0][k]] = targets[0][k];
        }
        failure = new int[states];
        outputs = new int[states][];
        outputs[0] = toArray(ends.get(0));
        Deque<Integer> queue = new ArrayDeque<>();
        for (int child : targets[0]) {
            failure[child] = 0;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            int[] own = toArray(ends.get(state));
            int[] inherited = outputs[failure[state]];
            int[] merged = Arrays.copyOf(own, own.length + inherited.length);
            System.arraycopy(inherited, 0, merged, own.length, inherited.length);
            outputs[state] = merged;
            for (int k = 0; k < keys[state].length; k++) {
                char c = keys[state][k];
                int child = targets[state][k];
                int fallback = failure[state];
                while (fallback != 0 && next(fallback, c) < 0) {
                    fallback = failure[fallback];
                }
                int candidate = next(fallback, c);
                failure[child] = candidate < 0 || candidate == child ? 0 : candidate;
                queue.add(child);
            }
        }
    }

    void scan(CharSequence text, Occurrences occurrences) {
        char[] chars = new char[text.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = text.charAt(i);
        }
        scan(chars, chars.length, occurrences);
    }

    /** Reports every occurrence of every pattern in {@code text[0, length)}, in order of their end. */
    void scan(char[] text, int length, Occurrences occurrences) {
        int state = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            int next = next(state, c);
            while (next < 0 && state != 0) {
                state = failure[state];
                next = next(state, c);
            }
            state = next < 0 ? 0 : next;
            for (int pattern : outputs[state]) {
                occurrences.found(pattern, i + 1 - patternLengths[pattern], i + 1);
            }
        }
    }

    private int next(int state, char c) {
        if (state == 0) {
            return rootNext[c];
        }
        int k = Arrays.binarySearch(keys[state], c);
        return k < 0 ? -1 : targets[state][k];
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
