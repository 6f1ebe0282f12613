package io.cuecard.script.service;

import io.cuecard.call.CallObserver;
import io.cuecard.call.CallChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Pins every call, when first seen, to the script version it runs with (the manual may change during the call; its
 * prompts and notes check keep the version it started with). An observer of the call tracker, so that building a
 * console's prompt only reads.
 */
@ApplicationScoped
public class ScriptPins implements CallObserver {

    @Inject
    ScriptLibrary library;

    @Override
    public void callChanged(CallChange change) {
        library.pin(change.call());
    }
}
