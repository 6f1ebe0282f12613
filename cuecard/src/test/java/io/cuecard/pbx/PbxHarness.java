package io.cuecard.pbx;

import io.cuecard.agent.AgentRef;
import io.cuecard.agent.InMemoryAgentDirectory;
import io.cuecard.call.CallTracker;
import io.cuecard.call.CallView;
import io.cuecard.call.RecordingObserver;
import io.cuecard.call.RecordingPbx;
import io.cuecard.call.TrackerSettings;
import io.cuecard.call.event.CallEvent;
import io.cuecard.pbx.trace.AmiPacket;
import io.cuecard.pbx.trace.AmiTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Test wiring: AMI packets → {@link AmiEvents} → {@link AmiEventTranslator} → {@link CallTracker}, with agent1 (201)
 * and agent2 (202) in an in-memory directory, a recording PBX control and a recording observer.
 */
public final class PbxHarness {

    public static final AgentRef AGENT1 = new AgentRef("agent1", "Agent One", "E1", "PJSIP/agent1", "201");
    public static final AgentRef AGENT2 = new AgentRef("agent2", "Agent Two", "E2", "PJSIP/agent2", "202");
    public static final Instant T0 = Instant.parse("2026-11-22T17:00:00Z");

    public final InMemoryAgentDirectory directory = InMemoryAgentDirectory.of(AGENT1, AGENT2);
    public final RecordingPbx pbx = new RecordingPbx();
    public final RecordingObserver observer = new RecordingObserver();
    public final AmiEvents amiEvents = new AmiEvents();
    public final AmiEventTranslator translator = new AmiEventTranslator();
    public final CallTracker tracker;
    public final List<CallEvent> translated = new ArrayList<>();

    public PbxHarness() {
        this(TrackerSettings.defaults());
    }

    public PbxHarness(TrackerSettings settings) {
        tracker = new CallTracker(directory, pbx, observer, settings, InstantSource.fixed(T0));
    }

    public static AmiTrace trace(String file) {
        try {
            return AmiTrace.read(AmiTrace.sharedTraceDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replays a scenario trace file; returns this harness. */
    public PbxHarness replay(String file) {
        return feed(trace(file).scenarioPackets());
    }

    public PbxHarness feed(List<AmiPacket> packets) {
        for (AmiPacket p : packets) {
            feed(p);
        }
        return this;
    }

    public PbxHarness feed(AmiPacket packet) {
        ManagerEvent event = amiEvents.toEvent(packet, T0);
        if (event != null) {
            for (CallEvent e : translator.translate(event, T0)) {
                translated.add(e);
                tracker.apply(e);
            }
        }
        return this;
    }

    public void apply(List<CallEvent> events) {
        events.forEach(tracker::apply);
    }

    public CallView call(String id) {
        return tracker.call(id).orElseThrow(() -> new AssertionError("no call " + id));
    }

    public CallView onlyCall() {
        List<String> ids = observer.views.stream().map(CallView::id).distinct().toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one call, got " + ids);
        }
        return call(ids.get(0));
    }
}
