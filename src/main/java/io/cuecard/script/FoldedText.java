package io.cuecard.script;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * A text as the forbidden-phrase matcher compares it: each code point NFKC-normalised on its own (full-width
 * ＯＫ and ，become OK and ,) and case-folded (OK becomes ok), with a map from every folded char back to the
 * original text so hits can be reported in UTF-16 offsets of the original.
 *
 * <p>Normalising code point by code point skips composition across characters (e + combining acute stays two
 * chars); phrases are folded the same way, so this only matters for text mixing composed and decomposed forms.
 */
final class FoldedText {

    private final String folded;
    /** For folded char i, the original index of the code point it came from; one extra slot = original length. */
    private final int[] origin;

    private FoldedText(String folded, int[] origin) {
        this.folded = folded;
        this.origin = origin;
    }

    static FoldedText of(String original) {
        int length = original.length();
        StringBuilder folded = new StringBuilder(length);
        int[] origin = new int[length + 1];
        int i = 0;
        while (i < length) {
            int codePoint = original.codePointAt(i);
            String piece = fold(codePoint);
            if (piece == null) {
                folded.appendCodePoint(codePoint);
            } else {
                folded.append(piece);
            }
            if (folded.length() >= origin.length) {
                origin = Arrays.copyOf(origin, Math.max(origin.length * 2, folded.length() + 1));
            }
            for (int j = folded.length() - (piece == null ? Character.charCount(codePoint) : piece.length());
                 j < folded.length(); j++) {
                origin[j] = i;
            }
            i += Character.charCount(codePoint);
        }
        origin[folded.length()] = length;
        return new FoldedText(folded.toString(), origin);
    }

    /** The folded form of one code point, or {@code null} when it is unchanged (the common case, kept fast). */
    private static String fold(int codePoint) {
        if (codePoint < 0x80) {
            return codePoint >= 'A' && codePoint <= 'Z' ? String.valueOf((char) (codePoint + ('a' - 'A'))) : null;
        }
        if ((codePoint >= 0x4E00 && codePoint <= 0x9FFF) || (codePoint >= 0x3400 && codePoint <= 0x4DBF)
                || (codePoint >= 0xAC00 && codePoint <= 0xD7A3)) {
            return null; // CJK ideographs and Hangul syllables: NFKC leaves them alone and they have no case
        }
        String piece = Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFKC)
                .toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return piece.length() == Character.charCount(codePoint) && piece.codePointAt(0) == codePoint ? null : piece;
    }

    String folded() {
        return folded;
    }

    /** The original offset where the folded range starting at {@code foldedStart} begins. */
    int originalStart(int foldedStart) {
        return origin[foldedStart];
    }

    /** The original offset where a folded range ending at {@code foldedEnd} ends (whole code points). */
    int originalEnd(int foldedEnd) {
        if (foldedEnd == 0) {
            return 0;
        }
        int last = origin[foldedEnd - 1];
        int j = foldedEnd;
        while (origin[j] == last) {
            j++;
        }
        return origin[j];
    }
}
