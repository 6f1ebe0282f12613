package io.cuecard.script.notes;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The three groups of call-note templates in source-001 appendix 1: 咨询类, 救援类, 投诉类. */
public enum NoteKind {
    /** 咨询类: the customer asked for information. */
    CONSULTING,
    /** 救援类: a vehicle broke down on the road and rescue is requested. */
    RESCUE,
    /** 投诉类: the customer complains; the note must carry the factory serial number and the plate number. */
    COMPLAINT;

    /** The kind as written in the templates file and the REST API: {@code consulting}, {@code rescue}, {@code complaint}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind with this {@link #id()}, if any. */
    public static Optional<NoteKind> fromId(String id) {
        return Arrays.stream(values()).filter(kind -> kind.id().equals(id)).findFirst();
    }
}
