package io.cuecard.script.rest;

import io.cuecard.script.ForbiddenHit;
import io.cuecard.script.Script;
import io.cuecard.script.service.ScriptLibrary;
import io.cuecard.script.service.ScriptService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;

/** Forbidden-phrase checking for scripts and integrations (the console gets the same hits over its WebSocket). */
@Path("/api/phrases/check")
@Authenticated
public class PhraseResource {

    /** At most this many characters are checked in one request. */
    static final int MAX_TEXT = 100_000;

    public record CheckRequest(String text, String scriptId) {
    }

    public record CheckResult(List<ForbiddenHit> hits) {
    }

    @Inject
    ScriptService scripts;

    @Inject
    ScriptLibrary library;

    @Inject
    SecurityIdentity identity;

    @POST
    public CheckResult check(CheckRequest request) {
        if (request == null || request.text() == null) {
            throw new BadRequestException("A JSON body with \"text\" is required");
        }
        if (request.text().length() > MAX_TEXT) {
            throw new BadRequestException("text is too long: " + request.text().length() + " characters, at most " + MAX_TEXT);
        }
        Script script = request.scriptId() == null ? library.defaultScript()
                : library.latest(request.scriptId()).orElseThrow(() -> new BadRequestException("Unknown scriptId '" + request.scriptId() + "'"));
        return new CheckResult(scripts.check(request.text(), identity.getPrincipal().getName(), script));
    }
}
