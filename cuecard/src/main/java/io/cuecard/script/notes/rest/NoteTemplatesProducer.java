package io.cuecard.script.notes.rest;

import io.cuecard.script.notes.NoteTemplates;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes the shipped call-note templates injectable as one {@link NoteTemplates}. Loaded at start-up, so a
 * broken templates file stops the application with the list of problems instead of failing a call later.
 */
public class NoteTemplatesProducer {

    @Produces
    @Singleton
    @Startup
    NoteTemplates noteTemplates() {
        return NoteTemplates.loadDefault();
    }
}
