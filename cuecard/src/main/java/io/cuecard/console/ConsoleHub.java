package io.cuecard.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cuecard.agent.auth.SessionRenewed;
import io.cuecard.agent.auth.SessionsEnded;
import io.cuecard.call.CallChange;
import io.cuecard.call.CallObserver;
import io.cuecard.call.CallView;
import io.cuecard.call.PbxAnswer;
import io.cuecard.call.TransferRefused;
import io.cuecard.call.service.CallConfig;
import io.cuecard.call.service.CallService;
import io.cuecard.notes.Dispositions;
import io.cuecard.notes.Notes;
import io.cuecard.ops.OverloadChanged;
import io.cuecard.pbx.PbxLinkChanged;
import io.cuecard.script.service.ScriptService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Fans call changes out to the open consoles. An agent's console receives the calls the agent is on (or was on,
 * or placed); a supervisor's receives every call. Each call frame carries the script prompt for the call's current
 * stage and the notes typed so far. Called on the call tracker's thread: it only serialises and hands frames to
 * the connections, which write them on their own event loops.
 */
@ApplicationScoped
public class ConsoleHub implements CallObserver {

    @Inject
    ObjectMapper json;

    @Inject
    ScriptService scripts;

    @Inject
    CallConfig callConfig;

    /** The calls not finished (live, or an agent still wrapping them up): the call service's one copy, read here. */
    @Inject
    CallService calls;

    @Inject
    MeterRegistry metrics;

    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    /** Open sessions of supervisors and admins, who see every call. */
    private final Set<ConsoleSession> seeingAll = ConcurrentHashMap.newKeySet();
    /** Open sessions of everybody else, by user name: they see the calls that concern them. */
    private final Map<String, Set<ConsoleSession>> sessionsByUser = new ConcurrentHashMap<>();
    private final Map<String, Notes> notes = new ConcurrentHashMap<>();
    /** Live calls by the users they concern (see {@link #concerns}); written on the call thread only. */
    private final Map<String, Set<String>> callsByUser = new ConcurrentHashMap<>();
    /**
     * The other direction: the users each live call is listed under, so that a user the call stops concerning (a
     * transfer target that never answered) is told too. Call thread only.
     */
    private final Map<String, Set<String>> usersByCall = new HashMap<>();
    private volatile boolean pbxConnected;
    private volatile OverloadChanged overload = OverloadChanged.NONE;
    private ConsoleLatency latency;

    @PostConstruct
    void init() {
        latency = new ConsoleLatency(metrics, Clock.systemUTC());
    }

    void onStart(@Observes StartupEvent event) {
        metrics.gaugeMapSize("cuecard.console.connected", List.of(), sessions);
    }

    // --- sessions --------------------------------------------------------------------------------------------

    void open(ConsoleSession session) {
        synchronized (session) {
            sessions.put(session.connection.id(), session);
            if (session.seesAllCalls()) {
                seeingAll.add(session);
            } else {
                sessionsByUser.compute(session.username, (user, set) -> {
                    Set<ConsoleSession> open = set == null ? ConcurrentHashMap.newKeySet() : set;
                    open.add(session);
                    return open;
                });
            }
            List<ConsoleFrames.ConsoleCall> shown = new ArrayList<>();
            if (session.seesAllCalls()) {
                calls.liveCalls().forEach(call -> shown.add(frame(call)));
            } else {
                for (String id : callsByUser.getOrDefault(session.username, Set.of())) {
                    CallView call = calls.liveCall(id).orElse(null);
                    if (call != null) {
                        shown.add(frame(call));
                    }
                }
            }
            AgentPresence.AgentState state = agentState(session.username);
            session.rememberAgentState(state);
            session.send(ConsoleFrames.members(json, new ConsoleFrames.Snapshot(new ConsoleFrames.PbxLink(pbxConnected), overload,
                    shown, state, Dispositions.ALL)));
        }
    }

    ConsoleSession session(String connectionId) {
        return sessions.get(connectionId);
    }

    void close(String connectionId) {
        ConsoleSession session = sessions.remove(connectionId);
        if (session != null) {
            seeingAll.remove(session);
            sessionsByUser.computeIfPresent(session.username, (user, open) -> {
                open.remove(session);
                return open.isEmpty() ? null : open;
            });
        }
    }

    int openConsoles() {
        return sessions.size();
    }

    /** The close code and reason of a console whose login session ended (docs/console-protocol.md). */
    static final CloseReason SESSION_ENDED = new CloseReason(4401, "session-ended");

    /**
     * Login sessions ended (logout, password or role change, deleted user, an admin, expiry): their consoles close at
     * once with 4401 "session-ended", and with {@code basicToo} the user's consoles that logged in with HTTP Basic.
     */
    void sessionsEnded(@Observes SessionsEnded ended) {
        for (ConsoleSession session : sessions.values()) {
            String id = session.sessionId;
            boolean ofSession = id != null && ended.sessionIds().contains(id);
            boolean basicOfUser = ended.basicToo() && id == null && session.username.equals(ended.username());
            if (ofSession || basicOfUser) {
                close(session.connection.id());
                session.connection.close(SESSION_ENDED).subscribe().with(ok -> { }, failure -> { });
            }
        }
    }

    /** A session was renewed (the user changed their password): its consoles stay open under the new one. */
    void sessionRenewed(@Observes SessionRenewed renewed) {
        for (ConsoleSession session : sessions.values()) {
            if (renewed.oldId().equals(session.sessionId)) {
                session.sessionId = renewed.newId();
            }
        }
    }

    // --- changes -----------------------------------------------------------------------------------------------


    /**
     * Sends the call's frame to every console that shows it. When a timestamped PBX event caused the change and some
     * console shows the call, one AMI→console latency sample is taken after the last console's send.
     */
    @Override
    public void callChanged(CallChange change) {
        CallView call = change.call();
        Instant pbxTimestamp = change.pbxTimestamp();
        boolean finished = call.finished();
        Set<String> users = concernedUsers(call);
        Set<String> left = index(call, users, finished);
        if (!left.isEmpty()) {
            // they were on the call until this change (a transfer target that did not answer): their consoles get
            // this last frame, which shows the call is no longer theirs, and their new state
            users.addAll(left);
        }
        // the frame is built once, and only when some console shows the call
        String body = null;
        for (ConsoleSession session : seeingAll) {
            body = body == null ? callFrame(call, pbxTimestamp) : body;
            session.send(body);
            if (concerns(call, session.username) || left.contains(session.username)) {
                AgentPresence.AgentState state = agentState(session.username);
                session.sendAgentState(state, () -> ConsoleFrames.members(json, new ConsoleFrames.AgentStateFrame(state)));
            }
        }
        for (String user : users) {
            Set<ConsoleSession> open = sessionsByUser.get(user);
            if (open == null) {
                continue;
            }
            AgentPresence.AgentState state = agentState(user);
            String[] stateFrame = new String[1]; // serialised at most once, for the first of the user's consoles that needs it
            Supplier<String> frame = () -> stateFrame[0] != null ? stateFrame[0]
                    : (stateFrame[0] = ConsoleFrames.members(json, new ConsoleFrames.AgentStateFrame(state)));
            for (ConsoleSession session : open) {
                body = body == null ? callFrame(call, pbxTimestamp) : body;
                session.send(body);
                session.sendAgentState(state, frame);
            }
        }
        if (body != null && pbxTimestamp != null) {
            latency.handedOver(pbxTimestamp);
        }
        if (finished) {
            notes.remove(call.id());
        }
    }

    /**
     * The PBX refused a transfer action of an agent (or did not answer in time): an {@code error} frame to that agent's
     * consoles (codes {@code pbx-refused}, {@code pbx-no-answer}, {@code pbx-not-sent}; the console words it). Called on
     * the call thread after the call's own frame.
     */
    @Override
    public void transferRefused(TransferRefused refused) {
        Set<ConsoleSession> open = refused.agent() == null ? null : sessionsByUser.get(refused.agent());
        if (open == null || open.isEmpty()) {
            return;
        }
        PbxAnswer answer = refused.answer();
        String code = switch (answer.outcome()) {
            case NO_ANSWER -> "pbx-no-answer";
            case NOT_SENT -> "pbx-not-sent";
            default -> "pbx-refused";
        };
        String what = refused.action().amiAction();
        String message = switch (answer.outcome()) {
            case NO_ANSWER -> "The PBX did not answer " + what + " in time; it counts as refused";
            case NOT_SENT -> what + " was not sent: the PBX link is down";
            default -> "The PBX refused " + what + (answer.message() == null ? "" : ": " + answer.message());
        };
        String body = ConsoleFrames.members(json, new ConsoleFrames.ErrorFrame(message, null, code, null, null,
                refused.callId(), refused.action(), answer.message()));
        for (ConsoleSession session : open) {
            session.send(body);
        }
    }

    /**
     * The members of a call frame: {@code "type":"call"}, the AMI {@code Timestamp} of the PBX event that caused the
     * change when there was one ({@code pbxTimestamp}, seconds since the epoch with microsecond digits, as Asterisk
     * writes it), and the call.
     */
    private String callFrame(CallView call, Instant pbxTimestamp) {
        String stamp = null;
        if (pbxTimestamp != null) {
            long micros = pbxTimestamp.getEpochSecond() * 1_000_000L + pbxTimestamp.getNano() / 1_000;
            String fraction = Long.toString(micros % 1_000_000L);
            stamp = (micros / 1_000_000L) + "." + "000000".substring(fraction.length()) + fraction;
        }
        return ConsoleFrames.members(json, new ConsoleFrames.CallFrame(stamp, frame(call)));
    }

    /**
     * Keeps {@link #callsByUser} in step: a live call is listed under every user it concerns, a finished one under
     * none. Returns the users it was listed under before and no longer concerns (unlisted now).
     */
    private Set<String> index(CallView call, Set<String> users, boolean finished) {
        Set<String> before = finished ? usersByCall.remove(call.id()) : usersByCall.put(call.id(), Set.copyOf(users));
        Set<String> left = new HashSet<>(before == null ? Set.of() : before);
        left.removeAll(users);
        for (String user : left) {
            unlist(user, call.id());
        }
        for (String user : users) {
            if (finished) {
                unlist(user, call.id());
            } else {
                callsByUser.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(call.id());
            }
        }
        return left;
    }

    private void unlist(String user, String callId) {
        Set<String> ids = callsByUser.get(user);
        if (ids != null) {
            ids.remove(callId);
            if (ids.isEmpty()) {
                callsByUser.remove(user);
            }
        }
    }

    private static Set<String> concernedUsers(CallView call) {
        Set<String> users = new HashSet<>(call.agents());
        if (call.placedBy() != null) {
            users.add(call.placedBy());
        }
        if (call.stageAgent() != null) {
            users.add(call.stageAgent());
        }
        return users;
    }

    /** Notes saved (typed by the agent, a disposition, Ready): consoles that show the call get the new frame. */
    void notesChanged(@Observes Notes changed) {
        notes.put(changed.callId(), changed);
        CallView call = calls.liveCall(changed.callId()).orElse(null);
        if (call != null) {
            String body = ConsoleFrames.members(json, new ConsoleFrames.CallFrame(null, frame(call)));
            for (ConsoleSession session : sessions.values()) {
                if (visible(session, call)) {
                    session.send(body);
                }
            }
        }
    }

    void pbxLink(@Observes PbxLinkChanged change) {
        boolean connected = change.connected();
        if (pbxConnected == connected) {
            return;
        }
        pbxConnected = connected;
        String body = ConsoleFrames.members(json, new ConsoleFrames.PbxFrame(connected));
        sessions.values().forEach(s -> s.send(body));
    }

    /** An overload episode started, ended or has new figures: every console is told (its banner). */
    void overload(@Observes OverloadChanged change) {
        overload = change;
        String body = ConsoleFrames.members(json, ConsoleFrames.OverloadFrame.of(change));
        sessions.values().forEach(s -> s.send(body));
    }

    // --- queries for the socket --------------------------------------------------------------------------------

    CallView call(String id) {
        return calls.liveCall(id).orElse(null);
    }

    Collection<CallView> calls() {
        return calls.liveCalls();
    }

    /** The call an agent works on now: on it (the live call's stage is theirs), or wrapping it up. */
    CallView currentCall(String username) {
        return AgentPresence.currentCall(username, callsOf(username));
    }

    private List<CallView> callsOf(String username) {
        List<CallView> found = new ArrayList<>();
        for (String id : callsByUser.getOrDefault(username, Set.of())) {
            CallView call = calls.liveCall(id).orElse(null);
            if (call != null) {
                found.add(call);
            }
        }
        return found;
    }

    // --- frames ------------------------------------------------------------------------------------------------

    static boolean visible(ConsoleSession session, CallView call) {
        return session.seesAllCalls() || concerns(call, session.username);
    }

    /** The user is (or was) an agent on the call: its state may have changed with it. */
    private static boolean concerns(CallView call, String username) {
        return call.agents().contains(username) || username.equals(call.placedBy()) || username.equals(call.stageAgent());
    }

    private ConsoleFrames.ConsoleCall frame(CallView call) {
        return ConsoleFrames.ConsoleCall.of(call, scripts.prompt(call), notes.get(call.id()));
    }

    private AgentPresence.AgentState agentState(String username) {
        return AgentPresence.of(username, callsOf(username), callConfig.wrapUpMaximum());
    }
}
