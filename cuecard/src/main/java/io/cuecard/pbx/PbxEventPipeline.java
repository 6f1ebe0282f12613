package io.cuecard.pbx;

import io.cuecard.call.service.CallService;
import io.cuecard.pbx.PbxLinkChanged;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * From the AMI link to the call tracker: every event, the link going up or down and each resync are queued, in
 * order, onto the call thread, where the (stateful) translator turns them into Cuecard call events.
 * Nothing here runs on asterisk-java's thread but the enqueueing.
 */
@ApplicationScoped
public class PbxEventPipeline {

    @Inject
    CallService calls;

    @Inject
    Event<PbxLinkChanged> linkChanges;

    @Inject
    UntranslatableEvents untranslatable;

    /** Used only on the call thread. */
    private AmiEventTranslator translator;

    @PostConstruct
    void init() {
        translator = new AmiEventTranslator(untranslatable::skipped);
    }

    void accept(ManagerEvent event, Instant receivedAt) {
        calls.fromPbx(() -> translator.translate(event, receivedAt), pbxTimestamp(event));
    }

    /** The event's {@code Timestamp} header (seconds since the epoch, microsecond digits), or null when it has none. */
    static Instant pbxTimestamp(ManagerEvent event) {
        Double ts = event.getTimestamp();
        if (ts == null || !(ts > 0) || ts.isInfinite()) {
            return null;
        }
        long micros = Math.round(ts * 1_000_000d);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    void linkUp(Instant at) {
        linkChanges.fire(new PbxLinkChanged(true, at));
    }

    void linkLost(Instant at) {
        linkChanges.fire(new PbxLinkChanged(false, at));
        calls.fromPbx(() -> translator.linkLost(at));
    }

    /** Before a sweep's {@code CoreShowChannels} is sent: the translator notes the channels known now. */
    void markSweep() {
        calls.fromPbx(() -> {
            translator.markSweep();
            return List.of();
        });
    }

    /** The reply to a sweep's {@code CoreShowChannels}: channels known at the mark and not listed are gone. */
    void sweep(List<ManagerEvent> coreShowChannels, Instant at) {
        calls.fromPbx(() -> translator.sweep(coreShowChannels, at));
    }

    /** Before a connection's login (so before its events and its resync): the translator notes the channels known now. */
    void markResync() {
        calls.fromPbx(() -> {
            translator.markResync();
            return List.of();
        });
    }

    /** A resync after a (re)connect; {@code applied} runs on the call thread once the tracker has applied it. */
    void resync(List<ManagerEvent> coreShowChannels, List<ManagerEvent> queueStatus, Instant at, Runnable applied) {
        calls.fromPbx(() -> translator.resync(coreShowChannels, queueStatus, at));
        calls.fromPbx(() -> {
            applied.run();
            return List.of();
        });
    }
}
