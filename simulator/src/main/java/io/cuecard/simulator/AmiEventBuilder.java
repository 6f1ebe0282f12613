package io.cuecard.simulator;

import io.cuecard.pbx.trace.AmiPacket;
import java.util.ArrayList;
import java.util.List;

/** Builds one AMI event packet header by header, {@code Event} and {@code Privilege} first as Asterisk writes them. */
final class AmiEventBuilder {

    private final List<AmiPacket.Header> headers = new ArrayList<>(24);

    private AmiEventBuilder() {
    }

    static AmiEventBuilder event(String name, String privilege) {
        return new AmiEventBuilder().add("Event", name).add("Privilege", privilege);
    }

    /** A list-action item: {@code Event} without {@code Privilege}. */
    static AmiEventBuilder listItem(String name) {
        return new AmiEventBuilder().add("Event", name);
    }

    AmiEventBuilder add(String key, String value) {
        headers.add(new AmiPacket.Header(key, value == null ? "" : value));
        return this;
    }

    AmiEventBuilder channel(SimChannel channel) {
        return channel.appendTo(this, "");
    }

    AmiEventBuilder channel(String prefix, SimChannel channel) {
        return channel.appendTo(this, prefix);
    }

    AmiEventBuilder bridge(SimBridge bridge) {
        return bridge.appendTo(this, "");
    }

    AmiEventBuilder bridge(String prefix, SimBridge bridge) {
        return bridge.appendTo(this, prefix);
    }

    AmiPacket build() {
        return new AmiPacket(headers);
    }
}
