package io.cuecard.script.notes;

/** A template name or field label in Simplified Chinese (the source's language) and English. */
public record LocalizedText(String zhCn, String en) {
}
