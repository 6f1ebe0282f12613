package io.cuecard.script;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * A text as the forbidden-phrase matcher compares it: its <em>word characters</em> only, each folded, plus what
 * separated them and where each came from in the original.
 *
 * <p>Folding, code point by code point: Unicode NFKC (full-width ＯＫ becomes OK, ，becomes ,), case folding (OK
 * becomes ok, ß becomes ss) and Traditional → Simplified Chinese (說 becomes 说, ICU4J's
 * {@code Traditional-Simplified} transliterator applied to each character on its own). Separators (spaces,
 * punctuation, symbols) are dropped from the folded text, so a phrase still matches when they are put between its
 * characters (我 不 知 道, 我,不知道); {@link #gapBefore(int)} keeps what was dropped so that word and utterance
 * boundaries can still be checked. Every folded char maps back to the UTF-16 range of the code point it came
 * from, so a range of folded chars maps back to an exact range of the original text.
 */
final class FoldedText {

    /** Gap flag: whitespace stood before this folded char. */
    static final int SPACE = 1;
    /** Gap flag: punctuation or a symbol stood before this folded char. */
    static final int PUNCTUATION = 2;
    /** Gap flag: a question mark (? or ？) stood before this folded char; always with {@link #PUNCTUATION}. */
    static final int QUESTION = 4;

    private final char[] chars;
    private final int length;
    /** For folded char i, the original start of the code point it came from. */
    private final int[] originStart;
    /** For folded char i, the original end (exclusive) of the code point it came from. */
    private final int[] originEnd;
    /** For folded position i (0..length), the separators dropped between char i-1 and char i. */
    private final byte[] gaps;

    private FoldedText(char[] chars, int length, int[] originStart, int[] originEnd, byte[] gaps) {
        this.chars = chars;
        this.length = length;
        this.originStart = originStart;
        this.originEnd = originEnd;
        this.gaps = gaps;
    }

    static FoldedText of(CharSequence original) {
        int n = original.length();
        Builder out = new Builder(n + 8);
        Table table = Table.INSTANCE;
        int i = 0;
        while (i < n) {
            char c = original.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(original.charAt(i + 1))) {
                out.addAll(foldCodePoint(Character.toCodePoint(c, original.charAt(i + 1))), i, i + 2);
                i += 2;
                continue;
            }
            byte kind = table.kinds[c];
            if (kind == Table.WORD) {
                out.add(table.folded[c], i, i + 1);
            } else if (kind == Table.MULTI) {
                out.addAll(table.multi(c), i, i + 1);
            } else {
                out.separator(kind);
            }
            i++;
        }
        return out.build();
    }

    /** Collects the folded chars of {@link #of}, each with its origin and the separators dropped before it. */
    private static final class Builder {
        private char[] chars;
        private int[] starts;
        private int[] ends;
        private byte[] gaps;
        private int length;
        private int gap;

        Builder(int capacity) {
            chars = new char[capacity];
            starts = new int[capacity];
            ends = new int[capacity];
            gaps = new byte[capacity + 1];
        }

        /** A folded word char from the original code point at {@code start..end}. */
        void add(char c, int start, int end) {
            if (length + 1 >= chars.length) {
                int size = chars.length * 2 + 8;
                chars = Arrays.copyOf(chars, size);
                starts = Arrays.copyOf(starts, size);
                ends = Arrays.copyOf(ends, size);
                gaps = Arrays.copyOf(gaps, size + 1);
            }
            chars[length] = c;
            starts[length] = start;
            ends[length] = end;
            gaps[length] = (byte) gap;
            gap = 0;
            length++;
        }

        /** The several chars one code point folds to (ligatures, ß): word chars and separators alike. */
        void addAll(String piece, int start, int end) {
            for (int k = 0; k < piece.length(); k++) {
                char p = piece.charAt(k);
                byte kind = Table.classify(p);
                if (kind == Table.SPACE_KIND || kind == Table.PUNCTUATION_KIND || kind == Table.QUESTION_KIND) {
                    separator(kind);
                } else {
                    add(p, start, end);
                }
            }
        }

        void separator(byte kind) {
            if (kind == Table.SPACE_KIND) {
                gap |= SPACE;
            } else if (kind == Table.QUESTION_KIND) {
                gap |= PUNCTUATION | QUESTION;
            } else {
                gap |= PUNCTUATION;
            }
        }

        FoldedText build() {
            gaps[length] = (byte) gap;
            return new FoldedText(chars, length, starts, ends, gaps);
        }
    }

    /** The folded word characters, separators dropped. */
    String folded() {
        return new String(chars, 0, length);
    }

    int length() {
        return length;
    }

    /** The backing array of the folded chars; only {@code [0, length())} is meaningful. Not to be modified. */
    char[] chars() {
        return chars;
    }

    char charAt(int index) {
        return chars[index];
    }

    /** The separators ({@link #SPACE}, {@link #PUNCTUATION}, {@link #QUESTION} flags) dropped just before folded position {@code index}. */
    int gapBefore(int index) {
        return gaps[index];
    }

    /** The original offset where folded char {@code index} begins. */
    int originalStart(int index) {
        return originStart[index];
    }

    /** The original offset (exclusive) where a folded range ending at {@code end} ends: whole code points. */
    int originalEnd(int end) {
        return originEnd[end - 1];
    }

    /** NFKC, case folding and Traditional → Simplified for one code point. */
    static String foldCodePoint(int codePoint) {
        String nfkc = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC);
        String caseFolded = UCharacter.foldCase(nfkc, true);
        StringBuilder simplified = null;
        for (int k = 0; k < caseFolded.length(); k++) {
            char c = caseFolded.charAt(k);
            char s = Table.simplified(c);
            if (s != c) {
                if (simplified == null) {
                    simplified = new StringBuilder(caseFolded);
                }
                simplified.setCharAt(k, s);
            }
        }
        return simplified == null ? caseFolded : simplified.toString();
    }

    /** Whether the phrase, folded, ends with a question mark (then only counts when one follows it in the text). */
    static boolean endsWithQuestionMark(String phrase) {
        FoldedText folded = of(phrase);
        return (folded.gapBefore(folded.length()) & QUESTION) != 0;
    }

    /** Whether {@code c} is a Latin letter or an ASCII/full-width digit (such phrases match whole words only). */
    static boolean isLatinWordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        return Character.isLetterOrDigit(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }

    /**
     * The fold of every BMP char, computed once: for most chars a single folded char and whether it is a word
     * char, a space or punctuation; chars that fold to several chars (ligatures, ß) are folded on demand.
     */
    private static final class Table {
        static final byte WORD = 0;
        static final byte SPACE_KIND = 1;
        static final byte PUNCTUATION_KIND = 2;
        static final byte MULTI = 3;
        static final byte QUESTION_KIND = 4;

        static final Table INSTANCE = new Table();

        private static char[] simplifiedMap;

        final char[] folded = new char[0x10000];
        final byte[] kinds = new byte[0x10000];

        private Table() {
            simplifiedMap = buildSimplifiedMap();
            for (int c = 0; c < 0x10000; c++) {
                if (Character.isSurrogate((char) c)) {
                    kinds[c] = PUNCTUATION_KIND; // a lone surrogate: not part of any phrase
                    continue;
                }
                String piece = c < 0x80 ? String.valueOf(Character.toLowerCase((char) c)) : foldCodePoint(c);
                if (piece.length() == 1) {
                    folded[c] = piece.charAt(0);
                    kinds[c] = classify(piece.charAt(0));
                } else {
                    kinds[c] = MULTI;
                }
            }
        }

        String multi(char c) {
            return foldCodePoint(c);
        }

        static char simplified(char c) {
            char[] map = simplifiedMap;
            return map == null ? c : map[c];
        }

        static byte classify(char c) {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return SPACE_KIND;
            }
            if (Character.isLetterOrDigit(c)) {
                return WORD;
            }
            if (c == '?') {
                return QUESTION_KIND;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                return WORD;
            }
            return PUNCTUATION_KIND;
        }

        /** Traditional → Simplified for each CJK ideograph of the BMP that maps to a single other char. */
        private static char[] buildSimplifiedMap() {
            char[] map = new char[0x10000];
            for (int c = 0; c < map.length; c++) {
                map[c] = (char) c;
            }
            StringBuilder all = new StringBuilder();
            int[][] ranges = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
            for (int[] range : ranges) {
                for (int c = range[0]; c <= range[1]; c++) {
                    all.append((char) c).append('\n');
                }
            }
            String converted = Transliterator.getInstance("Traditional-Simplified").transliterate(all.toString());
            String[] lines = converted.split("\n", -1);
            int line = 0;
            for (int[] range : ranges) {
                for (int c = range[0]; c <= range[1]; c++, line++) {
                    String s = lines[line];
                    if (s.length() == 1 && s.charAt(0) != c) {
                        map[c] = s.charAt(0);
                    }
                }
            }
            return map;
        }
    }
}
