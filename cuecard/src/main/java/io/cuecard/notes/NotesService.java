package io.cuecard.notes;

import io.cuecard.call.CallView;
import io.cuecard.call.service.CallService.ActionResult;
import io.cuecard.call.service.CallService;
import io.cuecard.script.ForbiddenHit;
import io.cuecard.script.notes.NoteTemplates;
import io.cuecard.script.service.ScriptService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents' notes and the end of their wrap-up, with the manual's rules: notes are saved as typed and checked
 * for forbidden phrases (the call's script), a disposition is one of {@link Dispositions}, and Ready makes the notes
 * final only when they are complete — a disposition, the chosen template's required fields, and a justification if
 * phrases a {@code block} rule forbids are still in them (the call is then flagged {@code blocked-phrases-justified}).
 * Every save is fired as a {@link Notes} event (the consoles show it). Callers pass the call the agent acts on; bad
 * input is an {@link IllegalArgumentException} with a message for the agent, incomplete notes at Ready a
 * {@link NotesRefused}. Blocking (PostgreSQL): call it from a worker thread.
 */
@ApplicationScoped
public class NotesService {

    /** Longest notes text accepted; longer text is refused (the console keeps its local draft). */
    public static final int MAX_TEXT = 20_000;

    @Inject
    NotesStore store;

    @Inject
    ScriptService scripts;

    @Inject
    NoteTemplates templates;

    @Inject
    CallService calls;

    @Inject
    Event<Notes> saved;

    /** What a save found: the notes as stored now and the forbidden phrases in the text. */
    public record Saved(Notes notes, List<ForbiddenHit> hits) {
    }

    /** The notes of a call, if any were written. */
    public Optional<Notes> notes(String callId) {
        return store.notes(callId);
    }

    /**
     * Saves the text (and template and its fields) the agent typed on call {@code callId} ({@code call}: that call as
     * the consoles see it now, null when it is not live or in wrap-up), with the phrases it breaks.
     */
    public Saved saveText(String callId, CallView call, String username, String text, String template, Map<String, String> fields) {
        if (text == null) {
            throw new IllegalArgumentException("notes: \"text\" must be a string");
        }
        if (text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("Notes are too long: " + text.length() + " characters, at most " + MAX_TEXT
                    + " are kept. Your text stays in this browser; shorten it to save.");
        }
        if (template != null && !template.isBlank() && templates.find(template).isEmpty()) {
            throw new IllegalArgumentException("Unknown note template '" + template + "'");
        }
        mayWrite(callId, call, username);
        List<ForbiddenHit> hits = scripts.check(text, username, call);
        Notes notes = save(call.id(), username, NotesChange.text(text, hits, template == null ? "" : template, fields));
        return new Saved(notes, hits);
    }

    /** Files call {@code callId} ({@code call} as in {@link #saveText}) under a disposition. */
    public Notes saveDisposition(String callId, CallView call, String username, String code) {
        if (code == null || !Dispositions.known(code)) {
            throw new IllegalArgumentException("Unknown disposition '" + code + "'");
        }
        mayWrite(callId, call, username);
        return save(call.id(), username, NotesChange.disposition(code));
    }

    /**
     * The agent pressed Ready: when {@code call} (the agent's current call, or null) is in the agent's wrap-up, its
     * notes must be complete and become final; then the wrap-up ends and the agent is available again.
     */
    public ActionResult ready(CallView call, String username, String justification) {
        if (call != null && call.wrappingUp(username)) {
            Notes notes = store.notes(call.id()).orElse(null);
            if (notes == null || notes.disposition() == null) {
                throw new NotesRefused("Choose a disposition before Ready", Map.of("code", "missing-disposition"));
            }
            if (notes.template() != null) {
                List<String> missing = templates.find(notes.template()).map(t -> t.missingRequired(notes.fields())).orElse(List.of());
                if (!missing.isEmpty()) {
                    throw new NotesRefused("Fill in the template's required fields: " + String.join(", ", missing),
                            Map.of("code", "missing-fields", "fields", missing));
                }
            }
            List<String> blocked = notes.hits().stream().filter(h -> "block".equals(h.severity())).map(ForbiddenHit::phrase).distinct().toList();
            boolean justified = justification != null && !justification.isBlank();
            if (!blocked.isEmpty() && !justified) {
                throw new NotesRefused("The notes still contain forbidden phrases (" + String.join(", ", blocked)
                        + "): change them, or give a reason to submit them as they are", Map.of("code", "blocked-phrases", "phrases", blocked));
            }
            save(call.id(), username, NotesChange.closing(blocked.isEmpty() ? null : justification));
            if (!blocked.isEmpty()) {
                calls.recordJustification(call.id(), username, String.join(", ", blocked) + ": " + justification.strip());
            }
        }
        return calls.ready(username);
    }

    private Notes save(String callId, String username, NotesChange change) {
        Notes notes = store.save(callId, username, change);
        saved.fire(notes);
        return notes;
    }

    /** Only the agents on the call (talking, its stage agent, or who placed it) write its notes. */
    private static void mayWrite(String callId, CallView call, String username) {
        if (call == null || !call.id().equals(callId)) {
            throw new IllegalArgumentException("No live call " + callId);
        }
        if (!call.agents().contains(username) && !username.equals(call.stageAgent()) && !username.equals(call.placedBy())) {
            throw new IllegalArgumentException("Only the agents on call " + call.id() + " write its notes");
        }
    }
}
