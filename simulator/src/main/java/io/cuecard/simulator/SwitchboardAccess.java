package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.util.List;
import java.util.Optional;

/**
 * What code beside the simulator may do with its switchboard ({@link PbxSimulator#switchboardAccess()}): the load
 * generator of the benchmark (test code) drives the simulator event by event through it. Every method but
 * {@link #lock()} must be called holding the lock, as the simulator's own steps do.
 */
public final class SwitchboardAccess {

    /** A live channel's identity, as its events carry it. */
    public record Channel(String name, String uniqueid, String linkedid) {
    }

    private final Switchboard sb;

    SwitchboardAccess(Switchboard sb) {
        this.sb = sb;
    }

    /** The lock that guards every call, channel and member of the simulator. */
    public Object lock() {
        return sb;
    }

    /** Events the simulator has emitted so far (all of them). */
    public long emitted() {
        return sb.emitted;
    }

    /** Emits {@code event} to every client as the simulator's own events go (counted in {@link #emitted()}). */
    public void emit(AmiPacket event) {
        sb.emit(event);
    }

    /** The queue members' interfaces, in the settings' order. */
    public List<String> memberInterfaces() {
        return sb.members().stream().map(m -> m.iface).toList();
    }

    /** Whether the member is paused (QueuePause). */
    public boolean paused(String memberInterface) {
        return sb.member(memberInterface).paused;
    }

    /** Whether the member may be offered a queue call: not paused, phone idle. */
    public boolean available(String memberInterface) {
        return sb.member(memberInterface).available();
    }

    /** The live channel of that name, if any. */
    public Optional<Channel> channel(String name) {
        return sb.channel(name).map(c -> new Channel(c.name, c.uniqueid, c.linkedid));
    }
}
