package io.cuecard.script.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cuecard.call.CallView;
import io.cuecard.platform.DatabaseUnavailable;
import io.cuecard.script.AppliesTo;
import io.cuecard.script.Script;
import io.cuecard.script.ScriptFormatException;
import io.cuecard.script.ScriptLoader.Format;
import io.cuecard.script.ScriptLoader;
import io.cuecard.script.ScriptWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * The scripts Cuecard knows, every version of them, and which version each call runs with. The shipped scripts are
 * saved as version 1 on first start; a supervisor's save adds a version; calls keep the version they started with.
 * Lookups for the consoles are in memory; the database is touched only on start, save and when a call is pinned
 * (asynchronously).
 */
@ApplicationScoped
public class ScriptLibrary {

    private static final Logger LOG = Logger.getLogger(ScriptLibrary.class);
    private static final int FINISHED_PINS_KEPT = 1_000;
    /** A pin the database could not take because it is unreachable is tried again after this, doubling up to the maximum. */
    private static final long FIRST_PIN_RETRY_MS = 200;
    private static final long MAX_PIN_RETRY_MS = 5_000;

    /** A script in the list: its newest version. */
    public record Summary(@Schema(required = true) String id, @Schema(required = true) String name, @Schema(required = true) String language,
                          @Schema(required = true) int version, @Schema(required = true) AppliesTo appliesTo, OffsetDateTime updatedAt,
                          String updatedBy) {
    }

    public record VersionInfo(@Schema(required = true) int version, OffsetDateTime updatedAt, String updatedBy) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Map<String, Script> latest = new ConcurrentHashMap<>();
    private final Map<String, Script> versions = new ConcurrentHashMap<>();
    private final Map<String, Script> pinned = new ConcurrentHashMap<>();
    /** Calls not finished whose pin was handed to the pin writer (or found in the database at start). */
    private final Set<String> recorded = ConcurrentHashMap.newKeySet();
    /**
     * The pins of the last {@value #FINISHED_PINS_KEPT} finished calls: their notes are still checked in wrap-up, by the
     * version the call ran with (a newer one may have been saved meanwhile), without asking the database each time.
     */
    private final Map<String, Script> finishedPins = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Script> eldest) {
            return size() > FINISHED_PINS_KEPT;
        }
    });
    /** The pin writer is waiting for the database (only its thread reads and writes this). */
    private boolean pinsWaitingForDatabase;
    private final ExecutorService pinWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cuecard-script-pins");
        t.setDaemon(true);
        return t;
    });

    void onStart(@Observes @Priority(8) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String body : ShippedScripts.bodies()) {
                Script script = parse(body);
                if (ScriptVersion.count("key.scriptId", script.id()) == 0) {
                    store(script, body, "cuecard");
                    LOG.infof("Installed the shipped script %s (%s) as version %d", script.id(), script.language(), script.version());
                }
            }
            List<ScriptVersion> all = ScriptVersion.listAll();
            all.stream().sorted(Comparator.comparingInt(v -> v.key.version())).forEach(v -> {
                Script script = parse(v.body);
                versions.put(key(script.id(), script.version()), script);
                latest.put(script.id(), script);
            });
            for (CallScript pin : CallScript.<CallScript>list("callId in (select c.id from CallLog c where c.endedAt is null)")) {
                Script script = versions.get(key(pin.scriptId, pin.scriptVersion));
                if (script != null) {
                    pinned.put(pin.callId, script);
                    recorded.add(pin.callId);
                }
            }
        });
    }

    // --- reading ---------------------------------------------------------------------------------------------

    public List<Summary> list() {
        return QuarkusTransaction.requiringNew().call(() -> latest.values().stream()
                .sorted(Comparator.comparing(Script::id))
                .map(s -> {
                    ScriptVersion v = ScriptVersion.findById(new ScriptVersion.Key(s.id(), s.version()));
                    return new Summary(s.id(), s.name(), s.language(), s.version(), s.appliesTo(),
                            v == null ? null : v.createdAt, v == null ? null : v.createdBy);
                }).toList());
    }

    /** The script used when nothing else decides: the newest inbound Simplified Chinese script. */
    public Script defaultScript() {
        return latest.values().stream()
                .min(Comparator.comparing((Script s) -> s.appliesTo().direction() != io.cuecard.call.Direction.INBOUND)
                        .thenComparing(s -> !"zh-CN".equals(s.language())).thenComparing(Script::id))
                .orElseThrow(() -> new IllegalStateException("no scripts installed"));
    }

    public Optional<Script> latest(String id) {
        return Optional.ofNullable(latest.get(id));
    }

    public Optional<Script> version(String id, int version) {
        return Optional.ofNullable(versions.get(key(id, version)));
    }

    public List<VersionInfo> versions(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ScriptVersion.<ScriptVersion>list("key.scriptId = ?1 order by key.version desc", id)
                .stream().map(v -> new VersionInfo(v.key.version(), v.createdAt, v.createdBy)).toList());
    }

    // --- writing ---------------------------------------------------------------------------------------------

    /**
     * Saves a new version of script {@code id}. The body's own {@code id} must match (or be absent) and its
     * {@code version} is replaced by the next number.
     *
     * @throws ScriptFormatException when the body is not a valid script
     */
    public Script save(String id, byte[] body, Format format, String user) {
        ObjectNode tree = tree(body, format);
        if (tree.hasNonNull("id") && !id.equals(tree.get("id").asText())) {
            throw new ScriptFormatException("id", "is '" + tree.get("id").asText() + "', the address names '" + id + "'");
        }
        if (!latest.containsKey(id)) {
            throw new jakarta.ws.rs.NotFoundException("No script '" + id + "'");
        }
        tree.put("id", id);
        return saveTree(tree, user);
    }

    /** Imports a script under its own id: a new script, or the next version of an existing one. */
    public Script importScript(byte[] body, Format format, String user) {
        ObjectNode tree = tree(body, format);
        if (!tree.hasNonNull("id") || tree.get("id").asText().isBlank()) {
            throw new ScriptFormatException("id", "is required");
        }
        return saveTree(tree, user);
    }

    private synchronized Script saveTree(ObjectNode tree, String user) {
        String id = tree.get("id").asText();
        Script current = latest.get(id);
        tree.put("version", current == null ? 1 : current.version() + 1);
        String json = tree.toString();
        Script script = parse(json);
        QuarkusTransaction.requiringNew().run(() -> store(script, json, user));
        versions.put(key(script.id(), script.version()), script);
        latest.put(script.id(), script);
        LOG.infof("%s saved script %s version %d", user, script.id(), script.version());
        return script;
    }

    /** A version of a script as JSON or YAML text. */
    public String export(String id, int version, Format format) {
        Script script = version(id, version).orElseThrow(() -> new jakarta.ws.rs.NotFoundException("No script '" + id + "' version " + version));
        return ScriptWriter.write(script, format);
    }

    // --- calls -------------------------------------------------------------------------------------------------

    /**
     * The script a call runs with: the version pinned when the call was first seen (still known for the last
     * {@value #FINISHED_PINS_KEPT} finished calls, whose notes are checked in wrap-up); otherwise the newest version of
     * the script that applies to the call (its direction, queue or campaign), which is then the call's version. In
     * memory only: the database learns the pin from {@link #pin}, so reading a prompt never writes.
     */
    public Script forCall(CallView call) {
        Script pin = pinned.get(call.id());
        if (pin != null) {
            if (call.finished() && pinned.remove(call.id()) != null) {
                finishedPins.put(call.id(), pin);
            }
            return pin;
        }
        pin = finishedPins.get(call.id());
        if (pin != null) {
            return pin;
        }
        Script chosen = latest.values().stream()
                .filter(s -> s.appliesTo().matches(call.direction(), call.queue(), call.campaign()))
                .min(Comparator.comparing((Script s) -> !"zh-CN".equals(s.language())).thenComparing(Script::id))
                .orElseGet(this::defaultScript);
        (call.finished() ? finishedPins : pinned).put(call.id(), chosen);
        return chosen;
    }

    /**
     * Records the version a call runs with in {@code call_script} the first time the call is seen (on the pin writer's
     * thread). Called by {@link ScriptPins} for every change of every call, on the call thread: memory only, never blocks.
     * The version is decided in memory ({@link #forCall}: the script active when the call was first seen), so a call that
     * starts while the database is unreachable gets it too; the pin writer keeps it and writes it once the database is
     * back.
     */
    void pin(CallView call) {
        Script script = forCall(call);
        if (call.finished()) {
            if (!recorded.remove(call.id())) {
                pinWriter.execute(() -> pin(call.id(), script)); // a call seen only when it finished
            }
        } else if (recorded.add(call.id())) {
            pinWriter.execute(() -> pin(call.id(), script));
        }
    }

    /**
     * Writes one call's pin. While the database cannot be reached the pin is tried again (back-off from
     * {@value #FIRST_PIN_RETRY_MS} ms to {@value #MAX_PIN_RETRY_MS} ms; the pins after it wait in the writer's queue),
     * so no pin is lost to an outage; any other failure is logged and the pin given up.
     */
    private void pin(String callId, Script script) {
        long retryMs = FIRST_PIN_RETRY_MS;
        while (true) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    if (CallScript.findById(callId) == null) {
                        CallScript row = new CallScript();
                        row.callId = callId;
                        row.scriptId = script.id();
                        row.scriptVersion = script.version();
                        row.pinnedAt = OffsetDateTime.now(ZoneOffset.UTC);
                        row.persist();
                    }
                });
                if (pinsWaitingForDatabase) {
                    pinsWaitingForDatabase = false;
                    LOG.infof("The database is back: the script pins kept meanwhile are being written (call %s: %s v%d)",
                            callId, script.id(), script.version());
                }
                return;
            } catch (RuntimeException e) {
                if (!DatabaseUnavailable.is(e)) {
                    LOG.warnf("Could not record script %s v%d for call %s: %s", script.id(), script.version(), callId, e.getMessage());
                    return;
                }
                if (!pinsWaitingForDatabase) {
                    pinsWaitingForDatabase = true;
                    LOG.warnf("The database is unavailable (%s): the script pins of new calls are kept in memory and written"
                            + " when it is back", e.getMessage());
                }
            }
            try {
                Thread.sleep(retryMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warnf("Gave up recording script %s v%d for call %s: interrupted", script.id(), script.version(), callId);
                return;
            }
            retryMs = Math.min(retryMs * 2, MAX_PIN_RETRY_MS);
        }
    }

    /** The script id and version a logged call ran with. */
    public Optional<CallScript> pinOf(String callId) {
        return QuarkusTransaction.requiringNew().call(() -> Optional.ofNullable(CallScript.<CallScript>findById(callId)));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private static void store(Script script, String body, String user) {
        ScriptVersion row = new ScriptVersion();
        row.key = new ScriptVersion.Key(script.id(), script.version());
        row.name = script.name();
        row.language = script.language();
        row.body = body;
        row.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.createdBy = user;
        row.persist();
    }

    private static ObjectNode tree(byte[] body, Format format) {
        try {
            JsonNode node = (format == Format.YAML ? YAML : JSON).readTree(body);
            if (!(node instanceof ObjectNode object)) {
                throw new ScriptFormatException("", "a script is an object");
            }
            return object;
        } catch (IOException e) {
            throw new ScriptFormatException("", "not valid " + format + ": " + e.getMessage());
        }
    }

    private static Script parse(String json) {
        return ScriptLoader.load(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String key(String id, int version) {
        return id + "#" + version;
    }
}
