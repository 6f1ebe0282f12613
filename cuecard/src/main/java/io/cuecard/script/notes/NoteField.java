package io.cuecard.script.notes;

/**
 * One fill-in field of a note template, e.g. {@code region} (地区) or {@code plateNumber} (车牌号码). The same
 * id means the same information in every template, so a value entered once can follow the agent from one
 * template to another.
 *
 * @param required the note cannot be submitted at wrap-up while this field is blank
 */
public record NoteField(String id, LocalizedText label, boolean required) {
}
